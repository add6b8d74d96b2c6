package dev.skillforge.data.problem;

import java.util.Map;

/**
 * Optimistic concurrency: the change was based on a version that is not the current one. 409 when the version came in
 * the body, 412 when it came as If-Match (HTTP's own precondition). Either way the answer carries the current ETag.
 */
public class StaleVersion extends ApiProblem {

    private static final String TITLE = "Version is not current";

    private final long current;

    /** The body said {@code expected}; the object is at {@code current}: 409. */
    public StaleVersion(long expected, long current) {
        super(409, "stale-version", TITLE,
                "This change was based on version " + expected + " but the current version is " + current
                        + ". Reload, reapply your change and send it with version " + current + ".",
                null, Map.of("ETag", etag(current)));
        this.current = current;
    }

    private StaleVersion(long current, String detail) {
        super(412, "stale-version", TITLE, detail, null, Map.of("ETag", etag(current)));
        this.current = current;
    }

    /** If-Match named no current version (a stale tag, a weak one, one this API never issued): 412. */
    public static StaleVersion preconditionFailed(long current) {
        return new StaleVersion(current, "If-Match names no current version of this object (weak tags never match); its ETag is now "
                + etag(current) + ". Reload, reapply your change and send it with If-Match: " + etag(current) + ".");
    }

    /** The same conflict reported as 412, for a version that came in an If-Match header. */
    public StaleVersion asPreconditionFailed() {
        return preconditionFailed(current);
    }

    public long current() {
        return current;
    }

    /** The strong entity tag of a version, as every versioned object's ETag carries it. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
