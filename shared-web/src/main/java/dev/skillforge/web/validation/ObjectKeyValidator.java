package dev.skillforge.web.validation;

import java.util.Optional;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/** Reports the specific rule a key breaks ({@link ObjectKeys#problem}) as the field's message. */
public class ObjectKeyValidator implements ConstraintValidator<ObjectKey, String> {

    @Override
    public boolean isValid(String key, ConstraintValidatorContext context) {
        if (key == null) {
            return true;
        }
        Optional<String> problem = ObjectKeys.problem(key);
        if (problem.isEmpty()) {
            return true;
        }
        HibernateConstraintValidatorContext hibernate = context.unwrap(HibernateConstraintValidatorContext.class);
        hibernate.disableDefaultConstraintViolation();
        hibernate.addMessageParameter("problem", problem.get()).buildConstraintViolationWithTemplate("{problem}").addConstraintViolation();
        return false;
    }
}
