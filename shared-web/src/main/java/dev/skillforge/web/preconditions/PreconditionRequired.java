package dev.skillforge.web.preconditions;

import dev.skillforge.data.problem.ApiProblem;

/** A change to an existing object that named no version to check (428, RFC 6585). */
public class PreconditionRequired extends ApiProblem {

    public PreconditionRequired() {
        super(428, "precondition-required", "Precondition required",
                "Send the version this change is based on: the object's ETag as If-Match, or \"version\" in the body.");
    }
}
