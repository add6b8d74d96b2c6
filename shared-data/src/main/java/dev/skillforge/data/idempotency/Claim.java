package dev.skillforge.data.idempotency;

import java.time.Instant;

/**
 * One request's hold on a caller's key: what the request was (its fingerprint), which request holds it (a random
 * claim id, so a late finisher never overwrites a successor's claim), until when it is honoured while running, and when
 * the item expires.
 */
public record Claim(String callerId, String key, String fingerprint, String claimId, Instant leaseUntil, Instant expiresAt) {
}
