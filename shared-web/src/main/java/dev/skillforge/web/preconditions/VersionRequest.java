package dev.skillforge.web.preconditions;

import jakarta.validation.constraints.PositiveOrZero;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body a change without content of its own may carry (publish, unpublish, a delete): the version it is based on,
 * for a client that does not send If-Match. The body is optional when If-Match is sent.
 */
@Schema(description = "Optional when If-Match is sent. `version`: the version of the object this change is based on.")
public record VersionRequest(@PositiveOrZero Long version) {

    /** The version of a body that may be absent. */
    public static Long of(VersionRequest body) {
        return body == null ? null : body.version();
    }
}
