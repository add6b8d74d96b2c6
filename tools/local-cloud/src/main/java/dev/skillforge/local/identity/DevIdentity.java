package dev.skillforge.local.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.lang.JoseException;

import dev.skillforge.data.testing.cognito.PoolUser;
import dev.skillforge.data.testing.cognito.TokenMinter;

/**
 * LOCAL ONLY: the identity provider of the local run, standing in for Cognito. A dev RSA key pair kept in the
 * state folder (so printed tokens survive restarts) signs tokens shaped like Cognito's access tokens (what the local
 * run hands out) and ID tokens; the gateway's JWT authorizer and the functions trust its public key and nothing else
 * trusts it. It is also the local user pool's ({@code LocalCognito}) minter, so refreshed tokens carry the pool's
 * current groups.
 */
public final class DevIdentity implements TokenMinter {

    public static final String ISSUER = "https://local.skillforge.invalid/issuer";
    /** The local app client id: the aud of ID tokens, the client_id of access tokens. */
    public static final String CLIENT_ID = "skillforge-local";
    /** The authorizer's audience setting, which API Gateway matches against aud, or client_id when there is no aud. */
    public static final String AUDIENCE = CLIENT_ID;
    public static final String KEY_ID = "local-dev";

    /** A demo user: id, display name and Cognito group. */
    public record User(String id, String name, String role) {
        public String email() {
            return id + "@skillforge.local";
        }
    }

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final Path publicKeyPem;
    private final JwtConsumer verifier;

    private DevIdentity(PrivateKey privateKey, PublicKey publicKey, Path publicKeyPem) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.publicKeyPem = publicKeyPem;
        this.verifier = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setExpectedIssuer(ISSUER)
                // An aud, when there is one, must name the client; a token without aud is judged by client_id (verify).
                .setExpectedAudience(false, AUDIENCE)
                .setVerificationKey(publicKey)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
    }

    /** The key pair in {@code directory}, made on first use. */
    public static DevIdentity in(Path directory) throws IOException, GeneralSecurityException {
        Path privatePath = directory.resolve("private.pk8");
        Path publicPath = directory.resolve("public.der");
        Path pemPath = directory.resolve("public.pem");
        if (!Files.exists(privatePath) || !Files.exists(publicPath) || !Files.exists(pemPath)) {
            Files.createDirectories(directory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.write(privatePath, pair.getPrivate().getEncoded());
            Files.write(publicPath, pair.getPublic().getEncoded());
            Files.writeString(pemPath, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
        }
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        return new DevIdentity(rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privatePath))),
                rsa.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicPath))), pemPath);
    }

    /** The PEM file of the public key (what a single service in Quarkus dev mode is configured with). */
    public Path publicKeyPem() {
        return publicKeyPem;
    }

    /**
     * The key as a JWKS file with its key id, which the functions are configured with: like Cognito's JWKS, a token
     * whose key id is not in the set is refused even if the signature would check out.
     */
    public Path jwks() throws IOException {
        Path file = publicKeyPem.resolveSibling("jwks.json");
        RsaJsonWebKey key = new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) publicKey);
        key.setKeyId(KEY_ID);
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        key.setUse("sig");
        Files.writeString(file, new JsonWebKeySet(key).toJson());
        return file;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** A token for the user, valid for {@code minutes}: an access token, the kind clients should send. */
    public String token(User user, int minutes) {
        return accessToken(user, minutes);
    }

    /** A Cognito access token: client_id, scope and username; no aud, email or name. */
    public String accessToken(User user, int minutes) {
        return accessToken(user.id(), List.of(user.role()), minutes);
    }

    /** An access token for a user of the local pool, with the groups the pool has for it now. */
    @Override
    public String accessToken(PoolUser user, int minutes) {
        return accessToken(user.username(), user.groups(), minutes);
    }

    private String accessToken(String userId, List<String> groups, int minutes) {
        JwtClaims claims = commonClaims(userId, groups, minutes);
        claims.setClaim("token_use", "access");
        claims.setClaim("client_id", CLIENT_ID);
        claims.setClaim("scope", "aws.cognito.signin.user.admin");
        claims.setClaim("username", userId);
        return sign(claims);
    }

    /** A Cognito ID token: aud, and the profile claims email and name. */
    public String idToken(User user, int minutes) {
        return idToken(user.id(), List.of(user.role()), user.email(), user.name(), minutes);
    }

    /** An ID token for a user of the local pool, with its current groups and profile. */
    @Override
    public String idToken(PoolUser user, int minutes) {
        return idToken(user.username(), user.groups(), user.email(), user.name(), minutes);
    }

    private String idToken(String userId, List<String> groups, String email, String name, int minutes) {
        JwtClaims claims = commonClaims(userId, groups, minutes);
        claims.setClaim("token_use", "id");
        claims.setAudience(CLIENT_ID);
        claims.setClaim("cognito:username", userId);
        claims.setClaim("email", email);
        claims.setClaim("email_verified", true);
        claims.setClaim("name", name);
        return sign(claims);
    }

    /** What both kinds carry. */
    private static JwtClaims commonClaims(String userId, List<String> groups, int minutes) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(userId);
        NumericDate now = NumericDate.now();
        claims.setIssuedAt(now);
        claims.setNumericDateClaim("auth_time", now);
        claims.setExpirationTimeMinutesInTheFuture(minutes);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setClaim("origin_jti", UUID.randomUUID().toString());
        claims.setStringListClaim("cognito:groups", groups);
        return claims;
    }

    private String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey);
        jws.setKeyIdHeaderValue(KEY_ID);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
    }

    /**
     * What API Gateway's JWT authorizer checks (signature with a known key id, issuer, expiry, not before, and the
     * client: aud when the token has one, else client_id): the verified claims, or null when the token does not pass.
     * Like the authorizer it does not look at token_use; the functions do.
     */
    public Map<String, Object> verify(String token) {
        try {
            JwtContext context = verifier.process(token);
            if (!KEY_ID.equals(context.getJoseObjects().get(0).getKeyIdHeaderValue())) {
                return null;
            }
            JwtClaims claims = context.getJwtClaims();
            if (!claims.hasAudience() && !AUDIENCE.equals(claims.getClaimValue("client_id"))) {
                return null;
            }
            return claims.getClaimsMap();
        } catch (InvalidJwtException e) {
            return null;
        }
    }
}
