package dev.skillforge.data.testing;

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

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Mints tokens for tests: any user, roles, expiry, issuer and audience, plus the broken kinds an attacker
 * would try. The RSA key pair is made per test JVM and never written anywhere: TEST ONLY.
 */
public final class TestTokens {

    public static final String ISSUER = "https://test.skillforge.local/issuer";
    public static final String AUDIENCE = "skillforge-test-client";
    private static final String PRIVATE_PROPERTY = "skillforge-test.jwt-private-key";
    private static final String PUBLIC_PROPERTY = "skillforge-test.jwt-public-key";

    private TestTokens() {
    }

    public static String student(String userId) {
        return user(userId).roles("student").sign();
    }

    public static String instructor(String userId) {
        return user(userId).roles("instructor").sign();
    }

    public static String admin(String userId) {
        return user(userId).roles("admin").sign();
    }

    public static Builder user(String userId) {
        return new Builder(userId);
    }

    /** The public half, as PEM, for mp.jwt.verify.publickey. */
    public static synchronized String publicKeyPem() {
        ensureKeys();
        return "-----BEGIN PUBLIC KEY-----\n" + System.getProperty(PUBLIC_PROPERTY) + "\n-----END PUBLIC KEY-----";
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** Header {"alg":"none"} and no signature. */
    public static String unsigned(String userId, String... roles) {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = b64("{\"sub\":\"" + userId + "\",\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE
                + "\",\"exp\":" + Instant.now().plusSeconds(600).getEpochSecond()
                + ",\"cognito:groups\":[" + String.join(",", List.of(roles).stream().map(r -> "\"" + r + "\"").toList()) + "]}");
        return header + "." + payload + ".";
    }

    /** The classic key-confusion attack: HS256 with the RSA public key as the HMAC secret. */
    public static String hs256WithPublicKey(String userId, String... roles) {
        try {
            String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
            String payload = b64("{\"sub\":\"" + userId + "\",\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE
                    + "\",\"exp\":" + Instant.now().plusSeconds(600).getEpochSecond()
                    + ",\"cognito:groups\":[" + String.join(",", List.of(roles).stream().map(r -> "\"" + r + "\"").toList()) + "]}");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(publicKeyPem().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8));
            return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token under construction; every field defaults to what a valid Cognito ID token carries. */
    public static final class Builder {
        private final String userId;
        private final List<String> roles = new ArrayList<>();
        private String issuer = ISSUER;
        private String audience = AUDIENCE;
        private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(10));
        private Instant notBefore;
        private String email;
        private String name;
        private String keyId = "test-key";
        private boolean foreignKey;

        private Builder(String userId) {
            this.userId = userId;
            this.email = userId + "@example.test";
            this.name = "User " + userId;
        }

        public Builder roles(String... groups) {
            roles.addAll(List.of(groups));
            return this;
        }

        public Builder issuer(String value) {
            this.issuer = value;
            return this;
        }

        public Builder audience(String value) {
            this.audience = value;
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

        /** Signed by a key pair the services have never seen, under an unknown key id. */
        public Builder signedByForeignKey() {
            this.foreignKey = true;
            this.keyId = "unknown-key";
            return this;
        }

        public String sign() {
            JwtClaimsBuilder claims = Jwt.claims()
                    .issuer(issuer)
                    .subject(userId)
                    .audience(audience)
                    .issuedAt(Instant.now().minusSeconds(5))
                    .expiresAt(expiresAt)
                    .claim("cognito:groups", roles)
                    .claim("token_use", "id");
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
