package dev.skillforge.courses.app;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/** A granted upload: PUT the file to {@code url} with exactly these headers before {@code expiresAt}. */
@RegisterForReflection
public record AssetUpload(String key, String url, String method, Map<String, String> headers, Instant expiresAt) {
}
