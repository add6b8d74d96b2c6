package dev.skillforge.web.auth;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;

import dev.skillforge.data.item.Ids;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller of the current request, read from the token smallrye-jwt verified (issuer, expiry, signature) and
 * {@link CognitoClientCheck} admitted (an ID or access token of our app client). Public routes use {@link #optional()}:
 * no token is fine, a bad token is still a 401.
 */
@RequestScoped
public class CallerContext {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    public Optional<Caller> optional() {
        if (identity.isAnonymous()) {
            return Optional.empty();
        }
        String sub = token.getSubject();
        // The sub becomes part of keys (user#<sub>): anything but an id-like value is refused.
        if (!Ids.isSafe(sub)) {
            throw new UnauthorizedException();
        }
        MDC.put("userId", sub);
        Set<String> groups = token.getGroups() == null ? Set.of() : Set.copyOf(token.getGroups());
        // Only ID tokens carry email and name; an access token leaves both null (see Caller).
        long issuedAt = token.getIssuedAtTime();
        return Optional.of(new Caller(sub, groups, token.getClaim("email"), token.getClaim("name"),
                issuedAt > 0 ? java.time.Instant.ofEpochSecond(issuedAt) : null));
    }

    public Caller required() {
        return optional().orElseThrow(UnauthorizedException::new);
    }
}
