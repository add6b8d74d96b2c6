package dev.skillforge.media;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/**
 * A granted upload: PUT the file to {@code url} with exactly these headers before {@code expiresAt}, then attach
 * {@code key} (as a cover, lesson file or avatar) before {@code attachBy}.
 */
@RegisterForReflection
public record UploadGrant(String key, String url, String method, Map<String, String> headers, Instant expiresAt, Instant attachBy) {
}
