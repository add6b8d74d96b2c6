package dev.skillforge.data.idempotency;

import java.time.Duration;

import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.Key;

/**
 * A client's Idempotency-Key on a POST: one item per caller and key, in its own partition (the caller id is an id,
 * never containing '#', so the key after it cannot be confused with it). It holds the claim while the request runs and
 * the answer afterwards, and expires through TTL a day after the claim.
 */
public final class IdempotencyKeys {

    public static final String ENTITY = "idempotencyKey";
    public static final String SORT_KEY = "idempotency";

    /** How long a key answers with the stored response (the table's TTL removes it afterwards). */
    public static final Duration RETENTION = Duration.ofHours(24);
    /**
     * How long a claim in progress is honoured: longer than the HTTP functions' timeout (15 s, checked in infra's tests)
     * plus clock skew between instances, so a claim older than this belongs to a request Lambda has already cut off.
     */
    public static final Duration LEASE = Duration.ofSeconds(20);

    public static final AccessPattern CLAIM = new AccessPattern(ENTITY, "claim an idempotency key before running the request",
            "PutItem (attribute_not_exists(PK) OR expired OR an abandoned claim)", AccessPattern.TABLE,
            "PK = idempotency#<callerId>#<key> AND SK = idempotency",
            "every POST sent with Idempotency-Key (IdempotentPosts, all HTTP functions)");
    public static final AccessPattern STORED = new AccessPattern(ENTITY, "the claim or stored answer under a caller's key",
            "GetItem (consistent); UpdateItem / DeleteItem if claimId = the request's own", AccessPattern.TABLE,
            "PK = idempotency#<callerId>#<key> AND SK = idempotency",
            "a retried POST (replay, 409, 422); the first request stores its answer, or releases the key after a 5xx");

    private IdempotencyKeys() {
    }

    public static Key primary(String callerId, String key) {
        return new Key("idempotency#" + callerId + "#" + key, SORT_KEY);
    }
}
