package dev.skillforge.web.testing;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Mints tokens for tests, shaped as Cognito issues them: access tokens (the kind clients should send; the role
 * shortcuts mint these) and ID tokens (the kind with email and name), for any user, roles, expiry, issuer, audience
 * and client, plus the broken kinds an attacker would try. The RSA key pair is made per test JVM and never written
 * anywhere: TEST ONLY.
 */
public final class TestTokens {

    public static final String ISSUER = "https://test.skillforge.local/issuer";
    /** The app client the functions trust: an ID token's aud, an access token's client_id. */
    public static final String CLIENT_ID = "skillforge-test-client";
    private static final String PRIVATE_PROPERTY = "skillforge-test.jwt-private-key";
    private static final String PUBLIC_PROPERTY = "skillforge-test.jwt-public-key";

    private TestTokens() {
    }

    public static String student(String userId) {
        return accessToken(userId).roles("student").sign();
    }

    public static String instructor(String userId) {
        return accessToken(userId).roles("instructor").sign();
    }

    public static String admin(String userId) {
        return accessToken(userId).roles("admin").sign();
    }

    /** A Cognito access token: client_id, scope and username, no aud, no email or name. */
    public static Builder accessToken(String userId) {
        return new Builder(userId, true);
    }

    /** A Cognito ID token: aud, email and name. */
    public static Builder idToken(String userId) {
        return new Builder(userId, false);
    }

    /** The same as {@link #idToken}: the builder tests use when they set the profile claims (email, name). */
    public static Builder user(String userId) {
        return idToken(userId);
    }

    /** The public half, as PEM, for mp.jwt.verify.publickey. */
    public static synchronized String publicKeyPem() {
        ensureKeys();
        return "-----BEGIN PUBLIC KEY-----\n" + System.getProperty(PUBLIC_PROPERTY) + "\n-----END PUBLIC KEY-----";
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** Header {"alg":"none"} and no signature; the claims of a valid access token. */
    public static String unsigned(String userId, String... roles) {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return header + "." + b64(forgedAccessClaims(userId, roles)) + ".";
    }

    /** The classic key-confusion attack: HS256 with the RSA public key as the HMAC secret. */
    public static String hs256WithPublicKey(String userId, String... roles) {
        try {
            String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
            String payload = b64(forgedAccessClaims(userId, roles));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(publicKeyPem().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8));
            return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a valid access token would claim, so only the forged signature can be what gets the token refused. */
    private static String forgedAccessClaims(String userId, String... roles) {
        return "{\"sub\":\"" + userId + "\",\"iss\":\"" + ISSUER + "\",\"client_id\":\"" + CLIENT_ID
                + "\",\"token_use\":\"access\",\"exp\":" + Instant.now().plusSeconds(600).getEpochSecond()
                + ",\"cognito:groups\":[" + String.join(",", List.of(roles).stream().map(r -> "\"" + r + "\"").toList()) + "]}";
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static PrivateKey privateKey() {
        ensureKeys();
        try {
            byte[] der = Base64.getDecoder().decode(System.getProperty(PRIVATE_PROPERTY));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Kept in system properties so every class loader of the test JVM signs with the same key. */
    private static void ensureKeys() {
        if (System.getProperty(PRIVATE_PROPERTY) != null) {
            return;
        }
        KeyPair pair = newKeyPair();
        System.setProperty(PRIVATE_PROPERTY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        System.setProperty(PUBLIC_PROPERTY, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    }

    /** A fresh RSA-2048 key pair (token keys here; the media signing key in MediaKeyTestConfig). */
    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A token under construction; every field defaults to what a valid Cognito token of its kind carries. The setters
     * that break a token (another aud or client_id, no token_use) exist for the tests that expect a 401.
     */
    public static final class Builder {
        private final String userId;
        private final boolean accessToken;
        private final List<String> roles = new ArrayList<>();
        private String tokenUse;
        private String issuer = ISSUER;
        private String audience;
        private String clientId;
        private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(10));
        private Instant notBefore;
        private String email;
        private String name;
        private String keyId = "test-key";
        private boolean foreignKey;
        private Instant issuedAt;

        private Builder(String userId, boolean accessToken) {
            this.userId = userId;
            this.accessToken = accessToken;
            if (accessToken) {
                this.tokenUse = "access";
                this.clientId = CLIENT_ID;
            } else {
                this.tokenUse = "id";
                this.audience = CLIENT_ID;
                this.email = userId + "@example.test";
                this.name = "User " + userId;
            }
        }

        public Builder roles(String... groups) {
            roles.addAll(List.of(groups));
            return this;
        }

        /** The token_use claim; null leaves it out. */
        public Builder tokenUse(String value) {
            this.tokenUse = value;
            return this;
        }

        public Builder issuer(String value) {
            this.issuer = value;
            return this;
        }

        /** The aud claim (an ID token's app client); null leaves it out. */
        public Builder audience(String value) {
            this.audience = value;
            return this;
        }

        /** The client_id claim (an access token's app client); null leaves it out. */
        public Builder clientId(String value) {
            this.clientId = value;
            return this;
        }

        public Builder expiresAt(Instant value) {
            this.expiresAt = value;
            return this;
        }

        public Builder notBefore(Instant value) {
            this.notBefore = value;
            return this;
        }

        public Builder email(String value) {
            this.email = value;
            return this;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** The iat (and auth_time) claim; by default five seconds ago. */
        public Builder issuedAt(Instant value) {
            this.issuedAt = value;
            return this;
        }

        /** Signed by a key pair the services have never seen, under an unknown key id. */
        public Builder signedByForeignKey() {
            this.foreignKey = true;
            this.keyId = "unknown-key";
            return this;
        }

        public String sign() {
            Instant issuedAt = this.issuedAt != null ? this.issuedAt : Instant.now().minusSeconds(5);
            JwtClaimsBuilder claims = Jwt.claims()
                    .issuer(issuer)
                    .subject(userId)
                    .issuedAt(issuedAt)
                    .expiresAt(expiresAt)
                    .claim("auth_time", issuedAt.getEpochSecond())
                    .claim("jti", UUID.randomUUID().toString())
                    .claim("origin_jti", UUID.randomUUID().toString())
                    .claim("cognito:groups", roles);
            if (tokenUse != null) {
                claims.claim("token_use", tokenUse);
            }
            if (audience != null) {
                claims.audience(audience);
            }
            if (clientId != null) {
                claims.claim("client_id", clientId);
            }
            // Cognito names the user "username" in access tokens and "cognito:username" in ID tokens.
            if (accessToken) {
                claims.claim("username", userId).claim("scope", "aws.cognito.signin.user.admin");
            } else {
                claims.claim("cognito:username", userId);
            }
            if (email != null) {
                claims.claim("email", email);
            }
            if (name != null) {
                claims.claim("name", name);
            }
            if (notBefore != null) {
                claims.claim("nbf", notBefore.getEpochSecond());
            }
            PrivateKey key = foreignKey ? newKeyPair().getPrivate() : privateKey();
            return claims.jws().keyId(keyId).sign(key);
        }
    }
}
