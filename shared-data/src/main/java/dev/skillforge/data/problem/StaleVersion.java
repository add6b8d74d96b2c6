package dev.skillforge.data.problem;

import java.util.Map;

/**
 * Optimistic concurrency: the edit was based on an older version. 409 when the version came in the body,
 * 412 when it came as If-Match (HTTP's own precondition).
 */
public class StaleVersion extends ApiProblem {

    private final long expected;
    private final long current;

    public StaleVersion(long expected, long current) {
        this(expected, current, false);
    }

    public StaleVersion(long expected, long current, boolean fromIfMatch) {
        super(fromIfMatch ? 412 : 409, "stale-version", "Edited by someone else",
                "This edit was based on version " + expected + " but the current version is " + current
                        + ". Reload, reapply your change and send it with version " + current + ".",
                null, Map.of("ETag", "\"" + current + "\""));
        this.expected = expected;
        this.current = current;
    }

    /** The same conflict reported as 412, for a version that came in an If-Match header. */
    public StaleVersion asPreconditionFailed() {
        return new StaleVersion(expected, current, true);
    }
}
