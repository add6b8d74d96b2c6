package dev.skillforge.data.idempotency;

import java.util.Map;

/** The answer a key replays: status, the exact body bytes, and the headers a client acts on (Location, ETag, Content-Type). */
public record StoredResponse(int status, byte[] body, Map<String, String> headers) {
}
