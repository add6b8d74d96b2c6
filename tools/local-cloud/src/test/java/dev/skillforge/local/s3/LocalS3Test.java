package dev.skillforge.local.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.skillforge.local.LocalCloud;
import dev.skillforge.local.credentials.LocalCredentials;
import dev.skillforge.local.iam.Policy;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The assets bucket's endpoint checks header signatures by issued credentials and the role's policy, as S3 and IAM do. */
class LocalS3Test {

    private static final String OBJECTS = "arn:aws:s3:::" + LocalCloud.ASSETS_BUCKET + "/courses/*";

    private static LocalCredentials credentials;
    private static LocalS3 s3;
    private static LocalCredentials.Session coursesFunction;
    private static LocalCredentials.Session listingFunction;

    @BeforeAll
    static void start(@TempDir Path storage) throws Exception {
        credentials = new LocalCredentials();
        coursesFunction = credentials.issue("skillforge-dev-courses", "CoursesRole", new Policy(List.of(
                new Policy.Statement(true, List.of("s3:GetObject", "s3:PutObject"), List.of(OBJECTS)))));
        listingFunction = credentials.issue("skillforge-dev-lister", "ListerRole", new Policy(List.of(
                new Policy.Statement(true, List.of("s3:GetObject", "s3:DeleteObject"), List.of(OBJECTS)),
                new Policy.Statement(true, List.of("s3:ListBucket"), List.of("arn:aws:s3:::" + LocalCloud.ASSETS_BUCKET)))));
        s3 = new LocalS3(storage, credentials, line -> { });
        s3.store().put(LocalCloud.ASSETS_BUCKET, "courses/c1/cover/a.png", "image/png", new byte[] {1, 2, 3});
    }

    @AfterAll
    static void stop() {
        s3.close();
        credentials.close();
    }

    private static S3Client client(LocalCredentials.Session session) {
        return S3Client.builder().endpointOverride(s3.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(session.accessKeyId(),
                        session.secretAccessKey(), session.sessionToken())))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void aRoleThatMayReadGetsTheObjectAndItsMetadata() throws Exception {
        try (S3Client courses = client(coursesFunction)) {
            assertEquals(3L, courses.headObject(b -> b.bucket(LocalCloud.ASSETS_BUCKET).key("courses/c1/cover/a.png")).contentLength());
            assertArrayEquals(new byte[] {1, 2, 3}, courses.getObjectAsBytes(b -> b.bucket(LocalCloud.ASSETS_BUCKET).key("courses/c1/cover/a.png"))
                    .asByteArray());
        }
        assertArrayEquals(new byte[] {1, 2, 3}, s3.object(LocalCloud.ASSETS_BUCKET, "courses/c1/cover/a.png"));
    }

    @Test
    void aMissingKeyIs403ForARoleWithoutListBucketAnd404ForOneWithIt() {
        try (S3Client courses = client(coursesFunction); S3Client lister = client(listingFunction)) {
            S3Exception denied = assertThrows(S3Exception.class,
                    () -> courses.getObjectAsBytes(b -> b.bucket(LocalCloud.ASSETS_BUCKET).key("courses/c1/cover/none.png")));
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
            assertEquals(403, assertThrows(S3Exception.class,
                    () -> courses.headObject(b -> b.bucket(LocalCloud.ASSETS_BUCKET).key("courses/c1/cover/none.png"))).statusCode());
            assertThrows(NoSuchKeyException.class, () -> lister.headObject(b -> b.bucket(LocalCloud.ASSETS_BUCKET).key("courses/c1/cover/none.png")));
        }
    }

    @Test
    void anActionTheRoleDoesNotAllowIsAccessDeniedWithIamsMessage() {
        try (S3Client courses = client(coursesFunction)) {
            S3Exception denied = assertThrows(S3Exception.class,
                    () -> courses.deleteObject(b -> b.bucket(LocalCloud.ASSETS_BUCKET).key("courses/c1/cover/a.png")));
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
            assertTrue(denied.awsErrorDetails().errorMessage().contains("assumed-role/CoursesRole/skillforge-dev-courses"),
                    denied.awsErrorDetails().errorMessage());
            assertTrue(denied.awsErrorDetails().errorMessage().contains("s3:DeleteObject"));
        }
        try (S3Client lister = client(listingFunction)) {
            lister.deleteObject(b -> b.bucket(LocalCloud.ASSETS_BUCKET).key("courses/c1/cover/gone.png"));
        }
    }

    @Test
    void credentialsWithAnotherSessionTokenAreRefused() {
        LocalCredentials.Session forged = new LocalCredentials.Session(coursesFunction.functionName(), coursesFunction.roleName(),
                coursesFunction.accessKeyId(), coursesFunction.secretAccessKey(), "another-token", null, coursesFunction.policy());
        try (S3Client client = client(forged)) {
            S3Exception refused = assertThrows(S3Exception.class,
                    () -> client.getObjectAsBytes(b -> b.bucket(LocalCloud.ASSETS_BUCKET).key("courses/c1/cover/a.png")));
            assertEquals("InvalidAccessKeyId", refused.awsErrorDetails().errorCode());
        }
    }
}
