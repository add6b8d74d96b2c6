package dev.skillforge.web.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Null is invalid, as for {@code @NotBlank}; see {@link VisibleText} for what counts as nothing to see. */
public class NotBlankTextValidator implements ConstraintValidator<NotBlankText, CharSequence> {

    @Override
    public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
        return text != null && VisibleText.hasVisible(text);
    }
}
