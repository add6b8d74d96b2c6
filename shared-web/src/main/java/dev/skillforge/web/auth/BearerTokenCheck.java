package dev.skillforge.web.auth;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * A request that carries a bearer token has it verified before any resource runs, public routes included:
 * a bad token is a 401 everywhere, never silently treated as anonymous.
 */
public class BearerTokenCheck {

    @Inject
    CurrentIdentityAssociation identity;

    @ServerRequestFilter
    public Uni<Void> verifyPresentToken(HttpHeaders headers) {
        if (headers.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return null;
        }
        return identity.getDeferredIdentity().replaceWithVoid();
    }
}
