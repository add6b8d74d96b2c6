package dev.skillforge.web.auth;

import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.skillforge.data.config.SkillForgeConfig;
import io.quarkus.runtime.Startup;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Admits the two kinds of token Cognito issues to our app client, as API Gateway's JWT authorizer does: an ID token
 * names the client in {@code aud}, an access token has no {@code aud} and names it in {@code client_id}. smallrye-jwt
 * has checked signature, issuer and expiry before this runs; one audience setting there could not accept both kinds.
 * Runs once per request that carries a token, on every route (a refused token is a 401 even where a role check or
 * {@link CallerContext} would never look at it).
 */
@Startup
@Singleton
public class CognitoClientCheck implements SecurityIdentityAugmentor {

    static final String ID_TOKEN = "id";
    static final String ACCESS_TOKEN = "access";

    private final String clientId;

    /** Made at startup, so a function without the client id fails to start instead of refusing every token. */
    @Inject
    CognitoClientCheck(SkillForgeConfig config) {
        this.clientId = config.auth().clientId().orElseThrow(() -> new IllegalStateException(
                "skillforge.auth.client-id (SKILLFORGE_AUTH_CLIENT_ID) is not set: no token could be checked against the app client"));
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token
                && !issuedTo(clientId, token.getClaim("token_use"), token.getAudience(), token.getClaim("client_id"))) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token not issued to this app client"));
        }
        return Uni.createFrom().item(identity);
    }

    /**
     * Whether a token of this kind, audience and client_id was issued to {@code clientId}. Anything but an ID or access
     * token is refused (Cognito's refresh tokens are not JWTs, but a token without token_use is no Cognito token). An
     * access token that does carry an aud must name us there too: API Gateway looks only at aud when it is present.
     */
    static boolean issuedTo(String clientId, Object tokenUse, Set<String> audience, Object clientIdClaim) {
        boolean namedInAudience = audience != null && audience.contains(clientId);
        if (ID_TOKEN.equals(tokenUse)) {
            return namedInAudience;
        }
        if (ACCESS_TOKEN.equals(tokenUse)) {
            return clientId.equals(clientIdClaim) && (audience == null || audience.isEmpty() || namedInAudience);
        }
        return false;
    }
}
