package dev.skillforge.web.media;

import java.time.Instant;

/** A URL that works until {@code expiresAt}. */
public record SignedUrl(String url, Instant expiresAt) {
}
