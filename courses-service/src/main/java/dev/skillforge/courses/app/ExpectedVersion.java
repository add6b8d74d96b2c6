package dev.skillforge.courses.app;

import dev.skillforge.data.problem.ApiProblem;
import dev.skillforge.data.problem.InvalidInput;
import dev.skillforge.data.problem.StaleVersion;

/**
 * The version an edit is based on, from If-Match (HTTP precondition, 412 when stale) or from the body
 * (409 when stale). Missing both is refused for edits (428) and means "the current one" for actions.
 */
public record ExpectedVersion(Long value, boolean fromIfMatch) {

    public static ExpectedVersion of(String ifMatch, Long bodyVersion) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            String tag = ifMatch.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            tag = tag.replace("\"", "");
            try {
                return new ExpectedVersion(Long.parseLong(tag), true);
            } catch (NumberFormatException e) {
                throw new InvalidInput("If-Match", "must be an ETag this API returned, such as \"3\"");
            }
        }
        return new ExpectedVersion(bodyVersion, false);
    }

    public static ExpectedVersion none() {
        return new ExpectedVersion(null, false);
    }

    /** The expected version, or a 428 problem when an edit did not say which version it is based on. */
    public long required() {
        if (value == null) {
            throw new ApiProblem(428, "precondition-required", "Version required",
                    "Send the version this edit is based on, as \"version\" in the body or as an If-Match header.");
        }
        return value;
    }

    public long orElse(long current) {
        return value == null ? current : value;
    }

    /** Rethrows a stale-version conflict as 412 when the version came from If-Match. */
    public StaleVersion translate(StaleVersion stale) {
        return fromIfMatch ? stale.asPreconditionFailed() : stale;
    }
}
