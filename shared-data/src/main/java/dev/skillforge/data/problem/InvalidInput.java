package dev.skillforge.data.problem;

import java.util.List;

/** Input that fails validation, with one message per field. */
public class InvalidInput extends ApiProblem {

    public InvalidInput(List<FieldError> errors) {
        super(400, "validation", "Invalid request", "One or more fields are invalid.", errors, null);
    }

    public InvalidInput(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }
}
