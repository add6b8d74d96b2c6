package dev.skillforge.data.testing.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.skillforge.data.testing.TestAws;
import dev.skillforge.data.testing.sigv4.RequestSignature.SigningKey;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The local object store driven by the AWS SDK's own presigner and S3 client, as the functions use them. */
class LocalObjectStoreTest {

    private static final String BUCKET = "skillforge-assets-test";
    private static final AwsBasicCredentials TEST_KEYS = AwsBasicCredentials.create(TestAws.ACCESS_KEY_ID, TestAws.SECRET_ACCESS_KEY);
    /** The actions the check refuses (by default ListBucket, as the functions' roles). */
    private static final Set<String> denied = ConcurrentHashMap.newKeySet();
    private static final List<String> log = new ArrayList<>();

    private static LocalObjectStore store;
    private static S3Client s3;
    private static S3Presigner presigner;
    private static HttpClient http;

    @BeforeAll
    static void start(@TempDir Path folder) throws Exception {
        store = new LocalObjectStore(folder, S3RequestCheck.sigV4(SigningKey.of(TestAws.ACCESS_KEY_ID, TestAws.SECRET_ACCESS_KEY),
                TestAws.REGION, (action, resource) -> !denied.contains(action)), line -> {
                    synchronized (log) {
                        log.add(line);
                    }
                });
        s3 = client(TEST_KEYS);
        presigner = S3Presigner.builder().endpointOverride(store.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(TEST_KEYS))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        s3.close();
        presigner.close();
        http.close();
        store.close();
    }

    @BeforeEach
    void rolesWithoutListBucket() {
        denied.clear();
        denied.add("s3:ListBucket");
    }

    private static S3Client client(AwsBasicCredentials keys) {
        return S3Client.builder().endpointOverride(store.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(keys)).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A presigned PUT of {@code body} with the signed content type and length, sent with {@code sentType}. */
    private static HttpResponse<String> upload(String key, String signedType, String sentType, byte[] body) throws Exception {
        URI url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(put -> put.bucket(BUCKET).key(key).contentType(signedType).contentLength((long) body.length))).url().toURI();
        return http.send(HttpRequest.newBuilder(url).header("Content-Type", sentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return bytes;
    }

    @Test
    void aPresignedPutStoresTheObjectWithItsTypeAndHeadReturnsItsMetadata() throws Exception {
        byte[] body = bytes(1000);
        HttpResponse<String> put = upload("courses/c1/cover/a.png", "image/png", "image/png", body);
        assertEquals(200, put.statusCode(), put.body());
        assertArrayEquals(body, store.object(BUCKET, "courses/c1/cover/a.png"));

        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("courses/c1/cover/a.png"));
        assertEquals("image/png", head.contentType());
        assertEquals(1000L, head.contentLength());
        assertEquals(put.headers().firstValue("ETag").orElseThrow(), head.eTag());
        assertEquals(store.find(BUCKET, "courses/c1/cover/a.png").orElseThrow().lastModified(), head.lastModified());
    }

    @Test
    void aPutWithAnotherContentTypeThanSignedIsRefused() throws Exception {
        HttpResponse<String> put = upload("courses/c1/cover/b.png", "image/png", "image/jpeg", bytes(10));
        assertEquals(403, put.statusCode());
        assertTrue(put.body().contains("<Code>SignatureDoesNotMatch</Code>"), put.body());
        assertTrue(store.find(BUCKET, "courses/c1/cover/b.png").isEmpty());
    }

    @Test
    void getServesByteRanges() throws Exception {
        byte[] body = bytes(300);
        store.put(BUCKET, "courses/c1/lessons/l1/v.mp4", "video/mp4", body);

        ResponseBytes<GetObjectResponse> part = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("courses/c1/lessons/l1/v.mp4").range("bytes=0-99"));
        assertArrayEquals(Arrays.copyOfRange(body, 0, 100), part.asByteArray());
        assertEquals("bytes 0-99/300", part.response().contentRange());
        assertEquals("video/mp4", part.response().contentType());

        URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(get -> get.bucket(BUCKET).key("courses/c1/lessons/l1/v.mp4"))).url().toURI();
        HttpResponse<byte[]> tail = http.send(HttpRequest.newBuilder(url).header("Range", "bytes=-50").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, tail.statusCode());
        assertEquals("bytes 250-299/300", tail.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(body, 250, 300), tail.body());

        HttpResponse<String> whole = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, whole.statusCode());
        assertEquals("bytes", whole.headers().firstValue("Accept-Ranges").orElseThrow());
        assertEquals("300", whole.headers().firstValue("Content-Length").orElseThrow());

        HttpResponse<String> beyond = http.send(HttpRequest.newBuilder(url).header("Range", "bytes=300-").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */300", beyond.headers().firstValue("Content-Range").orElseThrow());
    }

    @Test
    void deleteRemovesTheObjectAndAnswers204EvenForAMissingKey() throws Exception {
        store.put(BUCKET, "users/u1/avatar/a.png", "image/png", bytes(5));
        s3.deleteObject(b -> b.bucket(BUCKET).key("users/u1/avatar/a.png"));
        assertTrue(store.find(BUCKET, "users/u1/avatar/a.png").isEmpty());
        assertFalse(store.keys(BUCKET).contains("users/u1/avatar/a.png"));

        assertEquals(204, s3.deleteObject(b -> b.bucket(BUCKET).key("users/u1/avatar/a.png")).sdkHttpResponse().statusCode());
    }

    @Test
    void aHeaderSignatureOverAnUnsignedPayloadIsAccepted() throws Exception {
        store.put(BUCKET, "courses/c1/cover/u.png", "image/png", bytes(7));
        // What the SDK sends over https: the payload's hash stated as UNSIGNED-PAYLOAD (the scheme itself is not signed).
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.HEAD)
                .uri(URI.create(store.endpoint().toString().replace("http:", "https:") + "/" + BUCKET + "/courses/c1/cover/u.png")).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(TEST_KEYS).request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3").putProperty(AwsV4HttpSigner.REGION_NAME, TestAws.REGION)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)).request();
        assertEquals("UNSIGNED-PAYLOAD", signed.firstMatchingHeader("x-amz-content-sha256").orElseThrow());
        HttpRequest.Builder head = HttpRequest.newBuilder(URI.create(store.endpoint() + signed.encodedPath()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                head.header(name, values.get(0));
            }
        });
        assertEquals(200, http.send(head.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    @Test
    void aMissingKeyIs403WithoutListBucketAnd404WithIt() throws Exception {
        S3Exception forbidden = assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket(BUCKET).key("courses/c1/cover/none.png")));
        assertEquals(403, forbidden.statusCode());
        S3Exception getForbidden = assertThrows(S3Exception.class, () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("courses/c1/cover/none.png")));
        assertEquals("AccessDenied", getForbidden.awsErrorDetails().errorCode());

        denied.remove("s3:ListBucket");
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(BUCKET).key("courses/c1/cover/none.png")));
        NoSuchKeyException missing = assertThrows(NoSuchKeyException.class,
                () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("courses/c1/cover/none.png")));
        assertEquals(404, missing.statusCode());
    }

    @Test
    void anActionTheCheckDoesNotGrantIsAccessDenied() {
        store.put(BUCKET, "courses/c1/cover/kept.png", "image/png", bytes(5));
        denied.add("s3:DeleteObject");
        S3Exception refused = assertThrows(S3Exception.class, () -> s3.deleteObject(b -> b.bucket(BUCKET).key("courses/c1/cover/kept.png")));
        assertEquals("AccessDenied", refused.awsErrorDetails().errorCode());
        assertTrue(store.find(BUCKET, "courses/c1/cover/kept.png").isPresent());
    }

    @Test
    void aBadSignatureOrAnUnknownKeyIsRefused() throws Exception {
        store.put(BUCKET, "courses/c1/cover/c.png", "image/png", bytes(5));
        try (S3Client wrongSecret = client(AwsBasicCredentials.create(TestAws.ACCESS_KEY_ID, "not-the-secret"));
                S3Client unknown = client(AwsBasicCredentials.create("AKIAUNKNOWN", TestAws.SECRET_ACCESS_KEY))) {
            S3Exception mismatch = assertThrows(S3Exception.class, () -> wrongSecret.getObjectAsBytes(b -> b.bucket(BUCKET).key("courses/c1/cover/c.png")));
            assertEquals("SignatureDoesNotMatch", mismatch.awsErrorDetails().errorCode());
            assertEquals(403, assertThrows(S3Exception.class, () -> wrongSecret.headObject(b -> b.bucket(BUCKET).key("courses/c1/cover/c.png"))).statusCode());
            S3Exception notOurs = assertThrows(S3Exception.class, () -> unknown.deleteObject(b -> b.bucket(BUCKET).key("courses/c1/cover/c.png")));
            assertEquals("InvalidAccessKeyId", notOurs.awsErrorDetails().errorCode());
        }
        assertTrue(store.find(BUCKET, "courses/c1/cover/c.png").isPresent());

        // A presigned URL moved to another key no longer matches its signature.
        URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(get -> get.bucket(BUCKET).key("courses/c1/cover/c.png"))).url().toURI();
        URI moved = URI.create(url.toString().replace("/c.png?", "/d.png?"));
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(moved).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("SignatureDoesNotMatch"), refused.body());
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(store.endpoint() + "/" + BUCKET + "/courses/c1/cover/c.png")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, unsigned.statusCode());
        synchronized (log) {
            assertTrue(log.stream().anyMatch(line -> line.contains("SignatureDoesNotMatch")), log.toString());
        }
    }

    @Test
    void onlyObjectPathsAndTheSupportedMethodsAreServed() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(store.endpoint() + "/" + BUCKET + "/k"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        HttpResponse<String> bucketOnly = http.send(HttpRequest.newBuilder(URI.create(store.endpoint() + "/" + BUCKET)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bucketOnly.statusCode());
        HttpResponse<String> escape = http.send(HttpRequest.newBuilder(URI.create(store.endpoint() + "/" + BUCKET + "/a/%2E%2E/%2E%2E/x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, escape.statusCode());
    }
}
