package dev.skillforge.web.auth;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Every request that carries a verified token passes {@link AccountGate} before its resource runs (after the token
 * check, before an Idempotency-Key is claimed). GET and HEAD are reads (the admin routes' excepted); any other method may
 * write.
 */
public class AccountCheck {

    /** The request log's field for the check: {@code read|cached|refused <microseconds> us}. */
    public static final String ACCOUNT_CHECK = "accountCheck";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @Inject
    AccountGate gate;

    @ServerRequestFilter(priority = Priorities.USER + 50)
    public void admit(ContainerRequestContext request) {
        if (identity.isAnonymous() || token.getSubject() == null) {
            return;
        }
        String method = request.getMethod();
        // The admin routes read afresh too: few requests, and what they show (emails, the audit log) is not for an
        // admin who has just been demoted or disabled.
        boolean write = !"GET".equals(method) && !"HEAD".equals(method) || request.getUriInfo().getPath().startsWith("/admin/");
        long issuedAt = token.getIssuedAtTime();
        long started = System.nanoTime();
        try {
            boolean read = gate.admit(token.getSubject(), issuedAt > 0 ? Instant.ofEpochSecond(issuedAt) : null, write);
            // On the request's log line: what the check cost (the AccountCheckBenchmark reads it from the function's log).
            MDC.put(ACCOUNT_CHECK, (read ? "read " : "cached ") + (System.nanoTime() - started) / 1_000 + " us");
        } catch (RuntimeException refused) {
            MDC.put(ACCOUNT_CHECK, "refused " + (System.nanoTime() - started) / 1_000 + " us");
            throw refused;
        }
    }
}
