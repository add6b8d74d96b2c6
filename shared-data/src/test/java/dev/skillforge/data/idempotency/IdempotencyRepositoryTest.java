package dev.skillforge.data.idempotency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.skillforge.data.testing.Races;
import dev.skillforge.data.testing.TestEngine;


/**
 * The claim protocol against the real engine. The HTTP tests run one request at a time (a Lambda instance serves one),
 * so racing instances are simulated here: claims from many threads at once, each with its own claim id.
 */
class IdempotencyRepositoryTest {

    static TestEngine engine;
    static IdempotencyRepository keys;
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @BeforeAll
    static void startEngine() {
        engine = TestEngine.start();
        keys = new IdempotencyRepository(engine.table());
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    static Claim claim(String key, String claimId, Instant now) {
        return new Claim("alice", key, "POST /courses sha256:abc", claimId, now.plus(IdempotencyKeys.LEASE), now.plus(IdempotencyKeys.RETENTION));
    }

    @Test
    void ofManyConcurrentClaimsOnOneKeyExactlyOneWins() throws Exception {
        List<Boolean> won = Races.atOnce(8, i -> keys.claim(claim("raced", "request-" + i, NOW), NOW));
        assertEquals(1, won.stream().filter(Boolean::booleanValue).count());
    }

    @Test
    void aHeldClaimBlocksUntilItsLeaseEndsThenOneRetryTakesItOver() {
        assertTrue(keys.claim(claim("lease", "first", NOW), NOW));
        assertFalse(keys.claim(claim("lease", "second", NOW.plusSeconds(5)), NOW.plusSeconds(5)));
        Instant afterLease = NOW.plus(IdempotencyKeys.LEASE).plusSeconds(1);
        assertTrue(keys.claim(claim("lease", "third", afterLease), afterLease));
        // The first request, finishing late, neither stores its answer over the successor's claim nor releases it.
        assertFalse(keys.complete(claim("lease", "first", NOW), new StoredResponse(201, new byte[] { 1 }, Map.of()), afterLease));
        keys.release(claim("lease", "first", NOW));
        assertEquals("third", keys.find("alice", "lease").orElseThrow().claim().claimId());
    }

    @Test
    void aCompletedKeyIsNeverReclaimedUntilItExpires() {
        assertTrue(keys.claim(claim("done", "first", NOW), NOW));
        byte[] body = "{\"id\":\"c1\"}".getBytes();
        assertTrue(keys.complete(claim("done", "first", NOW), new StoredResponse(201, body, Map.of("Location", "/courses/c1")), NOW));
        Instant muchLater = NOW.plus(IdempotencyKeys.RETENTION).minusSeconds(60);
        assertFalse(keys.claim(claim("done", "second", muchLater), muchLater));
        IdempotencyRecord stored = keys.find("alice", "done").orElseThrow();
        assertTrue(stored.completed());
        assertEquals(201, stored.response().status());
        assertArrayEquals(body, stored.response().body());
        assertEquals(Map.of("Location", "/courses/c1"), stored.response().headers());
        // TTL deletes lazily: past its expiry the item is as good as gone.
        Instant expired = NOW.plus(IdempotencyKeys.RETENTION).plusSeconds(1);
        assertTrue(keys.claim(claim("done", "third", expired), expired));
    }

    @Test
    void aReleasedKeyCanBeClaimedAgainAndAnEmptyBodyIsStoredAsNone() {
        assertTrue(keys.claim(claim("released", "first", NOW), NOW));
        keys.release(claim("released", "first", NOW));
        assertTrue(keys.find("alice", "released").isEmpty());
        assertTrue(keys.claim(claim("released", "second", NOW), NOW));
        assertTrue(keys.complete(claim("released", "second", NOW), new StoredResponse(204, new byte[0], Map.of()), NOW));
        assertEquals(0, keys.find("alice", "released").orElseThrow().response().body().length);
    }
}
