package dev.skillforge.web.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillforge.data.idempotency.Claim;
import dev.skillforge.data.idempotency.IdempotencyKeys;
import dev.skillforge.data.idempotency.IdempotencyRecord;
import dev.skillforge.data.idempotency.IdempotencyRepository;
import dev.skillforge.data.idempotency.StoredResponse;
import dev.skillforge.data.problem.ApiProblem;
import dev.skillforge.data.problem.FieldError;
import dev.skillforge.data.problem.InvalidInput;
import dev.skillforge.web.auth.Caller;
import dev.skillforge.web.auth.CallerContext;

import io.quarkus.logging.Log;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * Idempotent POSTs in every function: a POST sent with an {@code Idempotency-Key} claims the caller's key before the
 * resource runs and stores the answer after it, so a client that retries after a timeout gets the first answer again
 * instead of a second course, lesson or quiz attempt. Same key and same request (method, path, SHA-256 of the body):
 * the stored status, body, Location, ETag and Content-Type, marked {@code Idempotency-Replayed: true}; another request
 * under the key: 422; the first still running: 409 with Retry-After. A 5xx releases the key (the client may retry),
 * 4xx answers are kept like successes. Without the header nothing changes.
 */
public class IdempotentPosts {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotency-Replayed";
    /** The headers a client acts on; the rest (correlation id, Cache-Control) belong to each answer. */
    static final List<String> KEPT_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG, HttpHeaders.CONTENT_TYPE);
    /**
     * A DynamoDB item holds at most 400 KB. The claim's own attributes and the kept headers take well under 16 KB, so a
     * body up to 384 KiB fits; a larger answer is sent as usual and its key released (a retry would run again).
     */
    static final int MAX_STORED_BODY = 384 * 1024;
    private static final Pattern VALID_KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");
    private static final String CLAIM = "skillforge.idempotency.claim";
    private static final int CLAIM_ATTEMPTS = 3;

    @Inject
    IdempotencyRepository keys;

    @Inject
    CallerContext caller;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /**
     * After the route's role check (a refused caller claims nothing) and after the request log (the correlation id).
     * Answers the stored response for a replay, null to let the request run.
     */
    @ServerRequestFilter(priority = Priorities.USER + 100)
    public Response claim(ContainerRequestContext request) throws IOException {
        List<String> sent = request.getHeaders().get(HEADER);
        if (!"POST".equals(request.getMethod()) || sent == null || sent.isEmpty()) {
            return null;
        }
        String key = sent.get(0);
        if (sent.size() != 1 || key == null || !VALID_KEY.matcher(key).matches()) {
            throw new InvalidInput(HEADER, "must be one value of 1 to 255 printable ASCII characters");
        }
        Optional<Caller> me = caller.optional();
        if (me.isEmpty()) {
            return null; // every POST route needs a token: its own check answers 401
        }
        // The body is read here to fingerprint it, and handed on unchanged to the resource.
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        // If-Match is part of the request too (publish and unpublish take it): the same key with another version is another request
        String ifMatch = request.getHeaderString("If-Match");
        String fingerprint = request.getMethod() + " " + request.getUriInfo().getPath() + (ifMatch == null ? "" : " if-match:" + ifMatch.trim())
                + " sha256:" + sha256(body);
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Claim claim = new Claim(me.get().userId(), key, fingerprint, UUID.randomUUID().toString(), now.plus(IdempotencyKeys.LEASE),
                    now.plus(IdempotencyKeys.RETENTION));
            if (keys.claim(claim, now)) {
                request.setProperty(CLAIM, claim);
                return null;
            }
            Optional<IdempotencyRecord> held = keys.find(claim.callerId(), key);
            if (held.isEmpty() || held.get().expired(now) || held.get().abandoned(now)) {
                continue; // released or lapsed since the put: claim it again
            }
            if (!held.get().claim().fingerprint().equals(fingerprint)) {
                throw reused();
            }
            if (!held.get().completed()) {
                throw inProgress();
            }
            MDC.put("idempotencyReplayed", "true"); // on the request's log line: nothing ran
            return replay(held.get().response());
        }
        throw inProgress();
    }

    /** Before the request log's line, so the stored answer is the one logged and sent. */
    @ServerResponseFilter(priority = Priorities.USER + 100)
    public void store(ContainerRequestContext request, ContainerResponseContext response) {
        Claim claim = (Claim) request.getProperty(CLAIM);
        if (claim == null) {
            return;
        }
        request.removeProperty(CLAIM);
        try {
            if (response.getStatus() >= 500) {
                keys.release(claim);
                return;
            }
            byte[] body = bytes(response.getEntity());
            if (body.length > MAX_STORED_BODY) {
                Log.warnf("Answer of %d bytes is too large to keep for its Idempotency-Key; the key is released", body.length);
                keys.release(claim);
                return;
            }
            // The same bytes are stored and sent, so a replay is byte for byte the first answer.
            response.setEntity(body);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : KEPT_HEADERS) {
                String value = name.equals(HttpHeaders.CONTENT_TYPE) && response.getMediaType() != null
                        ? response.getMediaType().toString()
                        : response.getHeaderString(name);
                if (value != null) {
                    headers.put(name, value);
                }
            }
            if (!keys.complete(claim, new StoredResponse(response.getStatus(), body, headers), clock.instant())) {
                Log.warn("An Idempotency-Key claim was taken over before its request finished (ran past its lease)");
            }
        } catch (SdkException | IOException e) {
            // The answer stands; the claim lapses after its lease, and a retry after that runs the request again.
            Log.warnf("Could not keep the answer for an Idempotency-Key: %s", e.getClass().getSimpleName());
        }
    }

    private static Response replay(StoredResponse stored) {
        Response.ResponseBuilder replay = Response.status(stored.status()).entity(stored.body()).header(REPLAYED, "true");
        stored.headers().forEach((name, value) -> {
            if (name.equals(HttpHeaders.CONTENT_TYPE)) {
                replay.type(MediaType.valueOf(value));
            } else {
                replay.header(name, value);
            }
        });
        return replay.build();
    }

    private byte[] bytes(Object entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        if (entity instanceof byte[] raw) {
            return raw;
        }
        if (entity instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return json.writeValueAsBytes(entity);
    }

    private static String sha256(byte[] body) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    static ApiProblem reused() {
        return new ApiProblem(422, "idempotency-key-reused", "Idempotency key reused",
                "This Idempotency-Key was sent with a different request. Use a new key for a new request.",
                List.of(new FieldError(HEADER, "was used for a different request (method, path or body)")), null);
    }

    static ApiProblem inProgress() {
        return new ApiProblem(409, "idempotency-in-progress", "Request in progress",
                "A request with this Idempotency-Key is still being processed. Retry after the Retry-After header's seconds.", null,
                Map.of("Retry-After", "1"));
    }
}
