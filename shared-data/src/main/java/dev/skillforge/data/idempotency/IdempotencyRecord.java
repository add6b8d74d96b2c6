package dev.skillforge.data.idempotency;

import java.time.Instant;

/** What is stored under a key: the claim, and the answer once the request completed (null while it runs). */
public record IdempotencyRecord(Claim claim, StoredResponse response) {

    public boolean completed() {
        return response != null;
    }

    /** A claim still running past its lease belongs to a request that was cut off (Lambda's timeout, a crash). */
    public boolean abandoned(Instant now) {
        return !completed() && claim.leaseUntil().isBefore(now);
    }

    /** TTL deletes lazily (up to days late), so an expired item is treated as absent. */
    public boolean expired(Instant now) {
        return claim.expiresAt().isBefore(now);
    }
}
