package dev.skillforge.data.problem;

/** A request body in a format or encoding the API does not read: 415, nothing read or written. */
public class UnsupportedMediaType extends ApiProblem {

    public UnsupportedMediaType(String detail) {
        super(415, "unsupported-media-type", "Unsupported Media Type", detail);
    }
}
