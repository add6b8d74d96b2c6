package dev.skillforge.web.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A text's size in UTF-8 bytes, which is what a DynamoDB item (400 KB) and a Lambda answer (6 MB) are measured in:
 * a character limit alone lets four-byte characters grow a text fourfold.
 */
@Documented
@Constraint(validatedBy = Utf8SizeValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface Utf8Size {

    int max();

    String message() default "must be at most {max} bytes in UTF-8";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
