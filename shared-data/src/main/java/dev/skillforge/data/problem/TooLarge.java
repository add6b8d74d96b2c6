package dev.skillforge.data.problem;

/** A body, or the object it would store, over what the platform accepts: 413, nothing written. */
public class TooLarge extends ApiProblem {

    public TooLarge(String detail) {
        super(413, "too-large", "Too large", detail);
    }
}
