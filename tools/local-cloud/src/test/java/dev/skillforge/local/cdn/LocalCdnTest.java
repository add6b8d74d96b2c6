package dev.skillforge.local.cdn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.skillforge.data.testing.s3.LocalObjectStore;
import dev.skillforge.data.testing.s3.S3RequestCheck;
import dev.skillforge.local.cloudformation.StackTemplate;
import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;

/** The local CDN against URLs signed by AWS's own CloudFront signer, with the behaviors of the test template. */
class LocalCdnTest {

    private static final String COVER = "courses/c1/cover/a.png";
    private static final String LESSON = "courses/c1/lessons/l1/v.mp4";
    private static final String AVATAR = "users/u1/avatar/a.png";
    private static final String OTHER = "exports/report.csv";
    /** The web origin of the dev template, which the response headers policy allows. */
    private static final String WEB_ORIGIN = "http://localhost:5173";
    private static final byte[] VIDEO = bytes(1000);
    private static final List<String> log = new CopyOnWriteArrayList<>();
    private static final CloudFrontUtilities signer = CloudFrontUtilities.create();

    private static KeyPair keys;
    private static LocalObjectStore store;
    private static LocalCdn cdn;
    private static String keyPairId;
    private static HttpClient http;

    @BeforeAll
    static void start(@TempDir Path storage) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        cdn = new LocalCdn(log::add);
        StackTemplate template = MediaTemplates.read(MediaSigningKey.pem("PUBLIC KEY", keys.getPublic().getEncoded()),
                MediaSigningKey.pem("PRIVATE KEY", keys.getPrivate().getEncoded()), cdn.domainName());
        keyPairId = template.function("courses-service").environment().get("SKILLFORGE_MEDIA_KEY_PAIR_ID");
        store = new LocalObjectStore(storage, S3RequestCheck.none(), line -> { });
        cdn.serve(template.distribution().orElseThrow(), store);
        store.put(MediaTemplates.BUCKET, COVER, "image/png", bytes(500));
        store.put(MediaTemplates.BUCKET, LESSON, "video/mp4", VIDEO);
        store.put(MediaTemplates.BUCKET, AVATAR, "image/png", bytes(50));
        store.put(MediaTemplates.BUCKET, OTHER, "text/csv", bytes(20));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        http.close();
        cdn.close();
        store.close();
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 7 % 256);
        }
        return bytes;
    }

    private static String url(String key) {
        return cdn.baseUri() + "/" + key;
    }

    private static String canned(String key, Instant expires) {
        return signer.getSignedUrlWithCannedPolicy(r -> r.resourceUrl(url(key)).privateKey(keys.getPrivate()).keyPairId(keyPairId)
                .expirationDate(expires)).url();
    }

    private static HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertRefused(HttpResponse<byte[]> response, String code) {
        assertEquals(403, response.statusCode());
        String body = new String(response.body());
        assertTrue(body.contains("<Code>" + code + "</Code>"), body);
    }

    @Test
    void coversAndAvatarsArePublic() throws Exception {
        HttpResponse<byte[]> cover = get(url(COVER));
        assertEquals(200, cover.statusCode());
        assertArrayEquals(bytes(500), cover.body());
        assertEquals("image/png", cover.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(cover.headers().firstValue("ETag").isPresent());
        assertEquals(200, get(url(AVATAR)).statusCode());
    }

    @Test
    void aLessonFileWithoutASignatureIsMissingKey() throws Exception {
        assertRefused(get(url(LESSON)), "MissingKey");
        assertRefused(get(url(OTHER)), "MissingKey");
    }

    @Test
    void aSignedLessonFileIsServedWholeOrByRange() throws Exception {
        String signed = canned(LESSON, Instant.now().plusSeconds(300));
        HttpResponse<byte[]> whole = get(signed);
        assertEquals(200, whole.statusCode());
        assertArrayEquals(VIDEO, whole.body());
        assertEquals("video/mp4", whole.headers().firstValue("Content-Type").orElseThrow());

        HttpResponse<byte[]> part = get(signed, "Range", "bytes=0-99");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 0-99/1000", part.headers().firstValue("Content-Range").orElseThrow());
        assertEquals("bytes", part.headers().firstValue("Accept-Ranges").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(VIDEO, 0, 100), part.body());

        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(signed)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
        assertEquals("1000", head.headers().firstValue("Content-Length").orElseThrow());

        assertEquals(200, get(canned(OTHER, Instant.now().plusSeconds(300))).statusCode(), "the default behavior takes a signature too");
    }

    @Test
    void aTamperedExpiredOrForeignSignatureIsAccessDenied() throws Exception {
        String signed = canned(LESSON, Instant.now().plusSeconds(300));
        String signature = signed.replaceAll(".*Signature=([^&]+).*", "$1");
        String tampered = signed.replace("Signature=" + signature,
                "Signature=" + (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1));
        assertRefused(get(tampered), "AccessDenied");
        assertRefused(get(canned(LESSON, Instant.now().minusSeconds(60))), "AccessDenied");
        assertRefused(get(signed.replace("Key-Pair-Id=" + keyPairId, "Key-Pair-Id=K2JCJMDEHXQW5F")), "AccessDenied");
        assertRefused(get(signed.replace("Expires=", "Expires=1")), "AccessDenied");

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair other = generator.generateKeyPair();
        assertRefused(get(signer.getSignedUrlWithCannedPolicy(r -> r.resourceUrl(url(LESSON)).privateKey(other.getPrivate())
                .keyPairId(keyPairId).expirationDate(Instant.now().plusSeconds(300))).url()), "AccessDenied");
        assertTrue(log.stream().anyMatch(line -> line.contains("expired")), log.toString());
    }

    @Test
    void aSignatureIsForItsOwnUrlAndHostOnly() throws Exception {
        String signed = canned(LESSON, Instant.now().plusSeconds(300));
        assertRefused(get(signed.replace("/v.mp4?", "/w.mp4?")), "AccessDenied");
        assertRefused(get(signed.replace("localhost:", "127.0.0.1:")), "AccessDenied");
        // A query the URL was signed with is part of what is signed (and not of the object's key).
        String withQuery = signer.getSignedUrlWithCannedPolicy(r -> r.resourceUrl(url(LESSON) + "?v=2").privateKey(keys.getPrivate())
                .keyPairId(keyPairId).expirationDate(Instant.now().plusSeconds(300))).url();
        assertArrayEquals(VIDEO, get(withQuery).body());
        assertRefused(get(withQuery.replace("?v=2", "?v=3")), "AccessDenied");
    }

    @Test
    void aCustomPolicyCoversItsResourcePatternWithinItsDatesAndAddresses() throws Exception {
        String pattern = cdn.baseUri() + "/courses/c1/lessons/*";
        String signed = signer.getSignedUrlWithCustomPolicy(r -> r.resourceUrl(url(LESSON)).resourceUrlPattern(pattern)
                .privateKey(keys.getPrivate()).keyPairId(keyPairId).expirationDate(Instant.now().plusSeconds(300))).url();
        assertTrue(signed.contains("Policy="), signed);
        assertArrayEquals(VIDEO, get(signed).body());
        String query = signed.substring(signed.indexOf('?'));
        assertRefused(get(url("courses/c2/lessons/l1/v.mp4") + query), "AccessDenied");

        assertRefused(get(signer.getSignedUrlWithCustomPolicy(r -> r.resourceUrl(url(LESSON)).privateKey(keys.getPrivate())
                .keyPairId(keyPairId).expirationDate(Instant.now().plusSeconds(600)).activeDate(Instant.now().plusSeconds(300))).url()),
                "AccessDenied");
        assertRefused(get(signer.getSignedUrlWithCustomPolicy(r -> r.resourceUrl(url(LESSON)).privateKey(keys.getPrivate())
                .keyPairId(keyPairId).expirationDate(Instant.now().plusSeconds(300)).ipRange("10.0.0.0/8")).url()), "AccessDenied");
        assertEquals(200, get(signer.getSignedUrlWithCustomPolicy(r -> r.resourceUrl(url(LESSON)).privateKey(keys.getPrivate())
                .keyPairId(keyPairId).expirationDate(Instant.now().plusSeconds(300)).ipRange("127.0.0.0/8")).url()).statusCode());
    }

    @Test
    void aMissingObjectIsTheOriginsAccessDeniedWithoutListBucket() throws Exception {
        HttpResponse<byte[]> cover = get(url("courses/c1/cover/none.png"));
        assertRefused(cover, "AccessDenied");
        assertTrue(new String(cover.body()).contains("Access Denied"), "S3's own message, passed through");
        assertRefused(get(canned("courses/c1/lessons/l1/none.mp4", Instant.now().plusSeconds(300))), "AccessDenied");
    }

    @Test
    void aReadFromTheWebOriginGetsTheCorsHeadersOfThePolicyAndEveryReadNosniff() throws Exception {
        HttpResponse<byte[]> cors = get(url(COVER), "Origin", WEB_ORIGIN);
        assertEquals(200, cors.statusCode());
        assertEquals(WEB_ORIGIN, cors.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("Content-Range,Accept-Ranges,Content-Length,ETag", cors.headers().firstValue("Access-Control-Expose-Headers").orElseThrow());
        assertEquals("nosniff", cors.headers().firstValue("X-Content-Type-Options").orElseThrow());
        // Credentials are not allowed, and the preflight headers belong to preflights, which these behaviors do not take.
        for (String absent : List.of("Access-Control-Allow-Credentials", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
                "Access-Control-Max-Age")) {
            assertTrue(cors.headers().firstValue(absent).isEmpty(), absent);
        }

        for (HttpResponse<byte[]> other : List.of(get(url(AVATAR)), get(url(AVATAR), "Origin", "https://elsewhere.example"),
                get(url(AVATAR), "Origin", "http://localhost:5174"))) {
            assertEquals(200, other.statusCode());
            assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "CORS only for an allowed Origin");
            assertTrue(other.headers().firstValue("Access-Control-Expose-Headers").isEmpty());
            assertEquals("nosniff", other.headers().firstValue("X-Content-Type-Options").orElseThrow());
        }
    }

    @Test
    void aPlayerOnTheWebOriginReadsASignedRangeAndItsRangeHeaders() throws Exception {
        HttpResponse<byte[]> part = get(canned(LESSON, Instant.now().plusSeconds(300)), "Range", "bytes=100-199", "Origin", WEB_ORIGIN);
        assertEquals(206, part.statusCode());
        assertArrayEquals(Arrays.copyOfRange(VIDEO, 100, 200), part.body());
        assertEquals(WEB_ORIGIN, part.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(part.headers().firstValue("Access-Control-Expose-Headers").orElseThrow().contains("Content-Range"));
        assertEquals("bytes 100-199/1000", part.headers().firstValue("Content-Range").orElseThrow());
        HttpResponse<byte[]> other = get(canned(OTHER, Instant.now().plusSeconds(300)), "Origin", WEB_ORIGIN);
        assertEquals(200, other.statusCode());
        assertEquals(WEB_ORIGIN, other.headers().firstValue("Access-Control-Allow-Origin").orElseThrow(), "the default behavior has the policy too");
    }

    @Test
    void theOriginsErrorGetsThePolicyHeadersCloudFrontsOwnRefusalNone() throws Exception {
        HttpResponse<byte[]> missing = get(url("courses/c1/cover/none.png"), "Origin", WEB_ORIGIN);
        assertRefused(missing, "AccessDenied");
        assertEquals(WEB_ORIGIN, missing.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("nosniff", missing.headers().firstValue("X-Content-Type-Options").orElseThrow());

        HttpResponse<byte[]> unsigned = get(url(LESSON), "Origin", WEB_ORIGIN);
        assertRefused(unsigned, "MissingKey");
        assertTrue(unsigned.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        assertTrue(unsigned.headers().firstValue("X-Content-Type-Options").isEmpty());
    }

    @Test
    void anAllowedOriginIsListedOrMatchesALeftmostWildcard() {
        assertEquals(Optional.of(WEB_ORIGIN), LocalCdn.allowedOrigin(List.of(WEB_ORIGIN), WEB_ORIGIN));
        assertEquals(Optional.empty(), LocalCdn.allowedOrigin(List.of(WEB_ORIGIN), "http://localhost:5173.evil.example"));
        assertEquals(Optional.of("*"), LocalCdn.allowedOrigin(List.of("*"), "https://anything.example"));
        List<String> wildcard = List.of("https://*.example.org");
        assertEquals(Optional.of("https://app.example.org"), LocalCdn.allowedOrigin(wildcard, "https://app.example.org"));
        assertEquals(Optional.of("https://a.b.example.org"), LocalCdn.allowedOrigin(wildcard, "https://a.b.example.org"));
        assertEquals(Optional.empty(), LocalCdn.allowedOrigin(wildcard, "https://example.org"));
        assertEquals(Optional.empty(), LocalCdn.allowedOrigin(wildcard, "http://app.example.org"));
        assertEquals(Optional.empty(), LocalCdn.allowedOrigin(wildcard, "https://app.example.org.evil.example"));
    }

    @Test
    void onlyGetAndHeadAreAllowed() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "OPTIONS")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(COVER)))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, response.statusCode(), method);
            assertTrue(response.body().contains("not configured to allow the HTTP request method"), response.body());
        }
        assertArrayEquals(bytes(500), store.object(MediaTemplates.BUCKET, COVER));
    }
}
