package dev.skillforge.web.auth;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Every request that carries a verified token passes {@link AccountGate} before its resource runs (after the token
 * check, before an Idempotency-Key is claimed). GET and HEAD are reads; any other method may write.
 */
public class AccountCheck {

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
        boolean write = !"GET".equals(method) && !"HEAD".equals(method);
        long issuedAt = token.getIssuedAtTime();
        gate.admit(token.getSubject(), issuedAt > 0 ? Instant.ofEpochSecond(issuedAt) : null, write);
    }
}
