package dev.skillforge.web.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A required text with something to see in it: not null, and not made only of characters that show nothing
 * (whitespace, Unicode spaces such as U+00A0 and U+3000, format characters such as the zero-width space U+200B, joiners,
 * U+2060 and U+FEFF, controls, combining marks with nothing to combine with, Hangul fillers). The bean validation
 * {@code @NotBlank} knows whitespace only, so a title of three zero-width spaces passed it; every required text of every
 * request uses this instead, with the same message.
 */
@Documented
@Constraint(validatedBy = NotBlankTextValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface NotBlankText {

    String message() default "must not be blank";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
