package dev.skillforge.web.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A storage object key in a request: checked in its canonical form ({@link ObjectKeys}); null is valid. Whether the key
 * belongs to the object being edited is the application's check ({@link ObjectKeys#requireUnder}), which also gives the
 * canonical form to store.
 */
@Documented
@Constraint(validatedBy = ObjectKeyValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface ObjectKey {

    String message() default "must be a key issued by this API";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
