package dev.skillforge.local.cdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.skillforge.local.cloudformation.StackTemplate;

/** How the template's media resources resolve locally: parameter, public key id, domain name, named secret, distribution. */
class MediaTemplateTest {

    private static final String PUBLIC_PEM = "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n";
    private static final String PRIVATE_PEM = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";

    @Test
    void theCoursesFunctionGetsTheKeyIdTheBaseUrlAndTheSecretByName() throws Exception {
        StackTemplate template = MediaTemplates.read(PUBLIC_PEM, PRIVATE_PEM, "localhost:9999");
        Map<String, String> env = template.function("courses-service").environment();
        assertEquals(MediaTemplates.BUCKET, env.get("SKILLFORGE_ASSETS_BUCKET"));
        assertEquals("https://localhost:9999", env.get("SKILLFORGE_MEDIA_PUBLIC_BASE_URL"));
        assertEquals(PRIVATE_PEM, env.get("SKILLFORGE_MEDIA_SIGNING_KEY"));
        String keyPairId = env.get("SKILLFORGE_MEDIA_KEY_PAIR_ID");
        assertTrue(keyPairId.matches("K[A-Z2-7]{13}"), keyPairId);
        assertEquals(StackTemplate.localId("K", "MediaPublicKeyC33C8681"), keyPairId);
        assertEquals(List.of(MediaTemplates.SECRET), template.referencedSecretNames());
    }

    @Test
    void theDistributionHasItsBehaviorsInOrderTheTrustedKeyAndTheOriginAccessOfTheBucketPolicy() throws Exception {
        StackTemplate.Distribution distribution = MediaTemplates.read(PUBLIC_PEM, PRIVATE_PEM, "localhost:9999").distribution().orElseThrow();
        assertEquals(List.of("courses/*/lessons/*", "courses/*/cover/*", "users/*/avatar/*"),
                distribution.behaviors().stream().map(StackTemplate.CacheBehavior::pathPattern).toList());
        StackTemplate.TrustedKey key = new StackTemplate.TrustedKey(StackTemplate.localId("K", "MediaPublicKeyC33C8681"), PUBLIC_PEM);
        assertEquals(List.of(key), distribution.behaviors().get(0).trustedKeys());
        assertEquals(List.of(), distribution.behaviors().get(1).trustedKeys());
        assertNull(distribution.defaultBehavior().pathPattern());
        assertEquals(List.of(key), distribution.defaultBehavior().trustedKeys());
        assertEquals(MediaTemplates.BUCKET, distribution.defaultBehavior().originBucket());
        assertEquals(List.of("GET", "HEAD"), distribution.defaultBehavior().allowedMethods());
        assertTrue(distribution.originAccess().allows("s3:GetObject", "arn:aws:s3:::" + MediaTemplates.BUCKET + "/courses/c/cover/a.png"));
        assertFalse(distribution.originAccess().allows("s3:ListBucket", "arn:aws:s3:::" + MediaTemplates.BUCKET));
    }

    @Test
    void firstMatchingBehaviorWinsAndWildcardsCrossSlashes() throws Exception {
        StackTemplate.Distribution distribution = MediaTemplates.read(PUBLIC_PEM, PRIVATE_PEM, "localhost:9999").distribution().orElseThrow();
        assertEquals("courses/*/lessons/*", LocalCdn.behaviorFor(distribution, "/courses/c1/lessons/l1/a.mp4").pathPattern());
        assertEquals("courses/*/lessons/*", LocalCdn.behaviorFor(distribution, "/courses/c1/lessons/l1/cover/a.png").pathPattern());
        assertEquals("courses/*/cover/*", LocalCdn.behaviorFor(distribution, "/courses/a/b/cover/c.png").pathPattern());
        assertEquals("users/*/avatar/*", LocalCdn.behaviorFor(distribution, "/users/u1/avatar/a.png").pathPattern());
        assertNull(LocalCdn.behaviorFor(distribution, "/Courses/c1/cover/a.png").pathPattern(), "path patterns are case-sensitive");
        assertNull(LocalCdn.behaviorFor(distribution, "/other/file.txt").pathPattern());
    }

    @Test
    void aParameterWithoutAValueOrDefaultIsAnError() throws Exception {
        StackTemplate template = StackTemplate.read(MediaTemplates.file(), new StackTemplate.LocalResources("table", MediaTemplates.BUCKET,
                "https://issuer", "us-east-1_Pool", "arn", "client", Map.of()));
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> template.distribution());
        assertTrue(missing.getMessage().contains("MediaSigningPublicKey"), missing.getMessage());
    }

    @Test
    void theKeyPairIsMadeOnceAndThePrivateKeyIsTheOwnersOnly(@TempDir Path state) throws Exception {
        MediaSigningKey first = MediaSigningKey.in(state.resolve("media-key"));
        assertTrue(first.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertEquals("RSA", MediaSigningKey.publicKey(first.publicKeyPem()).getAlgorithm());
        assertEquals(2048, ((java.security.interfaces.RSAPublicKey) MediaSigningKey.publicKey(first.publicKeyPem())).getModulus().bitLength());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("media-key/private.pem"))));
        assertEquals(first, MediaSigningKey.in(state.resolve("media-key")));
    }
}
