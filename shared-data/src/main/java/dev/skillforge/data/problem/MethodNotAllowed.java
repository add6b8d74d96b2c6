package dev.skillforge.data.problem;

import java.util.List;
import java.util.Map;

/** The path exists but no route serves it with this method; {@code Allow} lists the methods that are served. */
public class MethodNotAllowed extends ApiProblem {

    public MethodNotAllowed(List<String> allowed) {
        super(405, "method-not-allowed", "Method not allowed", "This resource does not answer this method; it answers "
                + String.join(", ", allowed) + ".", null, Map.of("Allow", String.join(", ", allowed)));
    }
}
