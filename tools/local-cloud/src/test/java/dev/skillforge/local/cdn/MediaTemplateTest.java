package dev.skillforge.local.cdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
        assertEquals(StackTemplate.localId("K", "MediaPublicKeyV1B8496246"), keyPairId);
        assertEquals(List.of(MediaTemplates.SECRET), template.referencedSecretNames());
    }

    @Test
    void theDistributionHasItsBehaviorsInOrderTheTrustedKeyAndTheOriginAccessOfTheBucketPolicy() throws Exception {
        StackTemplate.Distribution distribution = MediaTemplates.read(PUBLIC_PEM, PRIVATE_PEM, "localhost:9999").distribution().orElseThrow();
        assertEquals(List.of("courses/*/lessons/*", "courses/*/cover/*", "users/*/avatar/*"),
                distribution.behaviors().stream().map(StackTemplate.CacheBehavior::pathPattern).toList());
        StackTemplate.TrustedKey key = new StackTemplate.TrustedKey(StackTemplate.localId("K", "MediaPublicKeyV1B8496246"), PUBLIC_PEM);
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
    void everyBehaviorHasTheResponseHeadersPolicyItNames() throws Exception {
        StackTemplate.Distribution distribution = MediaTemplates.read(PUBLIC_PEM, PRIVATE_PEM, "localhost:9999").distribution().orElseThrow();
        StackTemplate.ResponseHeaders expected = new StackTemplate.ResponseHeaders(new StackTemplate.CorsConfig(List.of("http://localhost:5173"),
                List.of("GET", "HEAD"), List.of("Range"), List.of("Content-Range", "Accept-Ranges", "Content-Length", "ETag"), false, null, true),
                true);
        List<StackTemplate.CacheBehavior> all = new ArrayList<>(distribution.behaviors());
        all.add(distribution.defaultBehavior());
        for (StackTemplate.CacheBehavior behavior : all) {
            assertEquals(expected, behavior.responseHeaders(), behavior.pathPattern());
        }
    }

    @Test
    void whatTheLocalCdnCannotReproduceOfAResponseHeadersPolicyIsAnError(@TempDir Path folder) throws Exception {
        ObjectNode managed = MediaTemplates.json();
        ((ObjectNode) behavior(managed, 1)).put("ResponseHeadersPolicyId", "67f7725c-6f97-4210-82d7-5512b31e9d03");
        assertTrue(distributionError(managed, folder).contains("not \"67f7725c"), "a managed policy, named by its id");

        ObjectNode customHeaders = MediaTemplates.json();
        policyConfig(customHeaders).putObject("CustomHeadersConfig").putArray("Items");
        assertTrue(distributionError(customHeaders, folder).contains("CustomHeadersConfig"));

        ObjectNode frameOptions = MediaTemplates.json();
        ((ObjectNode) policyConfig(frameOptions).path("SecurityHeadersConfig")).putObject("FrameOptions").put("FrameOption", "DENY");
        assertTrue(distributionError(frameOptions, folder).contains("FrameOptions"));
    }

    /** The public key is followed from the key group's Refs (and the function's), whatever its logical id: a new key version renames it. */
    @Test
    void thePublicKeyIsFoundByFollowingRefsNotByItsLogicalId(@TempDir Path folder) throws Exception {
        String distributionId = MediaTemplates.read(PUBLIC_PEM, PRIVATE_PEM, "localhost:9999").distribution().orElseThrow().logicalId();
        ObjectNode json = MediaTemplates.json();
        String text = json.toString().replace("MediaPublicKeyV1B8496246", "MediaPublicKeyV2A0B1C2D3");
        Path file = folder.resolve("v2.template.json");
        Files.writeString(file, text);
        StackTemplate template = StackTemplate.read(file, MediaTemplates.resources(PUBLIC_PEM, PRIVATE_PEM, "localhost:9999"));
        String keyPairId = StackTemplate.localId("K", "MediaPublicKeyV2A0B1C2D3");
        assertEquals(keyPairId, template.function("courses-service").environment().get("SKILLFORGE_MEDIA_KEY_PAIR_ID"));
        StackTemplate.Distribution distribution = template.distribution().orElseThrow();
        assertEquals(distributionId, distribution.logicalId());
        assertEquals(List.of(new StackTemplate.TrustedKey(keyPairId, PUBLIC_PEM)), distribution.defaultBehavior().trustedKeys());
        assertEquals(List.of(new StackTemplate.TrustedKey(keyPairId, PUBLIC_PEM)), distribution.behaviors().get(0).trustedKeys());
    }

    private static JsonNode behavior(ObjectNode template, int index) {
        return template.path("Resources").path("MediaDistributionFB529AA1").path("Properties").path("DistributionConfig")
                .path("CacheBehaviors").path(index);
    }

    private static ObjectNode policyConfig(ObjectNode template) {
        return (ObjectNode) template.path("Resources").path("MediaResponseHeaders76DDAD68").path("Properties").path("ResponseHeadersPolicyConfig");
    }

    private static String distributionError(ObjectNode template, Path folder) throws Exception {
        Path file = Files.createTempFile(folder, "media", ".template.json");
        Files.writeString(file, template.toString());
        StackTemplate read = StackTemplate.read(file, MediaTemplates.resources(PUBLIC_PEM, PRIVATE_PEM, "localhost:9999"));
        return assertThrows(IllegalStateException.class, read::distribution).getMessage();
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
