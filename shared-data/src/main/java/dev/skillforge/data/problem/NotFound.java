package dev.skillforge.data.problem;

/** The named object does not exist, or the caller may not know that it does. */
public class NotFound extends ApiProblem {

    public NotFound(String detail) {
        super(404, "not-found", "Not found", detail);
    }
}
