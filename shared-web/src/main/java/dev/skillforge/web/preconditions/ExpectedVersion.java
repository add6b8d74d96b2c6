package dev.skillforge.web.preconditions;

import java.util.List;

import dev.skillforge.data.problem.InvalidInput;
import dev.skillforge.data.problem.StaleVersion;

/**
 * The version a change to an existing object is based on, which every such route requires, the same way: as If-Match
 * (RFC 9110 section 13.1.1; stale: 412) or as {@code version} in the body (stale: 409); neither is a 428, and a change
 * is never applied to a version the caller did not name. Both together must name the same version (If-Match exactly
 * {@code "<version>"}), otherwise the request is a 400: which of two disagreeing versions the caller meant is not
 * guessed.
 * <p>
 * Checked only after the caller was found allowed to change the object: a 404 or 403 comes first, as RFC 9110 section
 * 13.2.1 orders it, and an object the caller may not see never answers with its ETag.
 */
public final class ExpectedVersion {

    private final IfMatch ifMatch;
    private final Long bodyVersion;

    private ExpectedVersion(IfMatch ifMatch, Long bodyVersion) {
        this.ifMatch = ifMatch;
        this.bodyVersion = bodyVersion;
    }

    /**
     * From the If-Match field lines as the request carried them (an HTTP layer may hand one comma-separated field over as
     * several values: they are joined back with commas, as RFC 9110 section 5.3 combines field lines) and the body's
     * {@code version}; either may be absent (null or empty).
     */
    public static ExpectedVersion of(List<String> ifMatchLines, Long bodyVersion) {
        return of(ifMatchLines == null || ifMatchLines.isEmpty() ? null : String.join(",", ifMatchLines), bodyVersion);
    }

    /** From the If-Match header (null when absent) and the body's {@code version} (null when absent). */
    public static ExpectedVersion of(String ifMatchHeader, Long bodyVersion) {
        IfMatch ifMatch = IfMatch.parse(ifMatchHeader);
        if (ifMatch != null && bodyVersion != null && !ifMatch.isExactly(bodyVersion)) {
            throw new InvalidInput(IfMatch.HEADER, "names another version than \"version\" in the body: send one of them, "
                    + "or If-Match: " + StaleVersion.etag(bodyVersion));
        }
        return new ExpectedVersion(ifMatch, bodyVersion);
    }

    /**
     * The caller's version checked against the object's current one: absent is a 428, stale a 412 (If-Match) or 409
     * (body). Returns the version the conditional write must still find, so a change that lands in between is refused too.
     */
    public long check(long current) {
        if (ifMatch == null && bodyVersion == null) {
            throw new PreconditionRequired();
        }
        if (ifMatch != null) {
            if (!ifMatch.matches(current)) {
                throw StaleVersion.preconditionFailed(current);
            }
        } else if (bodyVersion != current) {
            throw new StaleVersion(bodyVersion, current);
        }
        return current;
    }

    /** A conditional write that found another version than the one checked: 412 for If-Match, 409 for the body's. */
    public StaleVersion stale(StaleVersion raced) {
        return ifMatch != null ? raced.asPreconditionFailed() : raced;
    }
}
