package dev.skillforge.data.problem;

import java.util.List;
import java.util.Map;

/**
 * A failure the API reports to its caller as a problem document. Application code throws the subclasses;
 * {@link ProblemMappers} renders them. Messages must be safe to show: no internal names, no keys.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ApiProblem(int status, String type, String title, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public ApiProblem(int status, String type, String title, String detail) {
        this(status, type, title, detail, null, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
