package dev.skillforge.web.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import dev.skillforge.data.item.ItemSize;

/** Counts UTF-8 bytes without encoding the text; null is valid (as for every size constraint). */
public class Utf8SizeValidator implements ConstraintValidator<Utf8Size, CharSequence> {

    private int max;

    @Override
    public void initialize(Utf8Size constraint) {
        max = constraint.max();
    }

    @Override
    public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
        return text == null || ItemSize.utf8Length(text) <= max;
    }
}
