package dev.skillforge.data.problem;

/** The request is valid but clashes with the current state (already exists, wrong status). */
public class Conflict extends ApiProblem {

    public Conflict(String type, String title, String detail) {
        super(409, type, title, detail);
    }

    public static Conflict alreadyExists(String detail) {
        return new Conflict("already-exists", "Already exists", detail);
    }

    public static Conflict invalidState(String detail) {
        return new Conflict("invalid-state", "Not allowed in the current state", detail);
    }
}
