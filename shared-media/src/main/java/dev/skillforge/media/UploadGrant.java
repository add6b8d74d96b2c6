package dev.skillforge.media;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A granted upload: PUT the file to {@code url} with exactly these headers before {@code expiresAt}, then attach
 * {@code key} (as a cover, lesson file or avatar) before {@code attachBy}.
 */
@RegisterForReflection
public record UploadGrant(
        @Schema(description = "The object key to set as coverImageKey, videoKey or avatarKey once the file is uploaded") String key,
        @Schema(description = "The presigned S3 URL to PUT the file to, once") String url,
        String method,
        @Schema(description = "Headers the PUT must carry, all signed: Content-Type, Content-Length (a browser sets it from the "
                + "body, which must be exactly this many bytes) and If-None-Match: * (the URL cannot overwrite a file)") Map<String, String> headers,
        @Schema(description = "When the URL stops accepting an upload") Instant expiresAt,
        @Schema(description = "The key must be attached before this, or the file is deleted") Instant attachBy) {
}
