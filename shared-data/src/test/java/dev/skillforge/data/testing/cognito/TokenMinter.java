package dev.skillforge.data.testing.cognito;

/** TEST/LOCAL ONLY. Signs the tokens {@link LocalCognito} hands out; the caller owns the key and the issuer. */
public interface TokenMinter {

    /** A Cognito-shaped access token carrying the user's current groups in {@code cognito:groups}. */
    String accessToken(PoolUser user, int minutes);

    /** A Cognito-shaped ID token carrying the user's current groups, email and name. */
    String idToken(PoolUser user, int minutes);
}
