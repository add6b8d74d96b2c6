package dev.skillforge.data.problem;

import java.util.List;

/** A pagination cursor that was tampered with, truncated, or issued for another query. */
public class InvalidCursor extends ApiProblem {

    public InvalidCursor() {
        super(400, "invalid-cursor", "Invalid cursor",
                "The cursor is not valid for this list. Start again without a cursor.",
                List.of(new FieldError("cursor", "is not a cursor this list issued")), null);
    }
}
