package dev.skillforge.courses.app;

import java.time.Instant;
import java.util.Map;

/** A granted upload: PUT the file to {@code url} with exactly these headers before {@code expiresAt}. */
public record AssetUpload(String key, String url, String method, Map<String, String> headers, Instant expiresAt) {
}
