package dev.skillforge.media;

import java.net.URL;
import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.config.SkillForgeConfig;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The assets bucket. Presigning is local (no network call); the client, for the few calls that do go to S3 (an attach's
 * ranged read, the stream's deletes), is made on first use so functions that only presign never build it.
 *
 * <p>Region and credentials come from the SDK's default chains: on provided.al2023 Lambda puts the role's session keys in
 * the environment, while a SnapStart function gets them from the container credentials endpoint
 * (AWS_CONTAINER_CREDENTIALS_FULL_URI), which only the default chain reads. The local cloud hands them over both ways.
 */
@ApplicationScoped
public class ObjectStore {

    /** What a ranged read found: the stored type, the whole object's size, and its first bytes. */
    public record ObjectHead(String contentType, long size, byte[] firstBytes) {
    }

    private final SkillForgeConfig.Assets config;
    private volatile S3Presigner presigner;
    private volatile S3Client client;

    @Inject
    public ObjectStore(SkillForgeConfig config) {
        this.config = config.assets();
    }

    public String bucket() {
        return config.bucket().orElseThrow(() -> new IllegalStateException(
                "skillforge.assets.bucket (SKILLFORGE_ASSETS_BUCKET) is not set: this function stores no media"));
    }

    /**
     * A URL that lets its holder PUT exactly this object once (type and length are signed, and so is If-None-Match: *, so S3
     * refuses a second PUT with 412: the bytes an attach checked cannot be swapped afterwards) until {@code expiry} passes.
     */
    public URL presignPut(String key, String contentType, long contentLength, Duration expiry) {
        return presigner().presignPutObject(b -> b.signatureDuration(expiry)
                .putObjectRequest(put -> put.bucket(bucket()).key(key).contentType(contentType).contentLength(contentLength)
                        .ifNoneMatch("*")))
                .url();
    }

    /**
     * The first {@code bytes} bytes of an object with its type and size (one ranged GET), or empty when there is no such
     * object. Without s3:ListBucket, which no function holds, S3 answers a missing key with 403, not 404: both mean none.
     */
    public Optional<ObjectHead> head(String key, int bytes) {
        try {
            ResponseBytes<GetObjectResponse> read = client().getObjectAsBytes(b -> b.bucket(bucket()).key(key)
                    .range("bytes=0-" + (bytes - 1)));
            GetObjectResponse response = read.response();
            return Optional.of(new ObjectHead(response.contentType(), totalSize(response), read.asByteArray()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404 || e.statusCode() == 403) {
                return Optional.empty();
            }
            if (e.statusCode() == 416) {
                // An empty object: no byte of the range exists.
                return Optional.of(new ObjectHead(null, 0, new byte[0]));
            }
            throw e;
        }
    }

    /** Deletes an object; S3 answers a key that is already gone the same way, so a retried delete is harmless. */
    public void delete(String key) {
        client().deleteObject(b -> b.bucket(bucket()).key(key));
    }

    /** "bytes 0-11/5000" gives 5000; a response without a range (the whole object) gives its length. */
    private static long totalSize(GetObjectResponse response) {
        String range = response.contentRange();
        if (range != null && range.lastIndexOf('/') > 0) {
            return Long.parseLong(range.substring(range.lastIndexOf('/') + 1));
        }
        return response.contentLength();
    }

    private Region region() {
        return config.region().map(Region::of).orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion());
    }

    private S3Presigner presigner() {
        S3Presigner made = presigner;
        if (made == null) {
            synchronized (this) {
                if (presigner == null) {
                    S3Presigner.Builder builder = S3Presigner.builder().region(region())
                            .credentialsProvider(DefaultCredentialsProvider.builder().build());
                    // Only the local cloud sets an endpoint; its S3 stand-in serves buckets by path, not by host name.
                    config.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint)
                            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
                    presigner = builder.build();
                }
                made = presigner;
            }
        }
        return made;
    }

    private S3Client client() {
        S3Client made = client;
        if (made == null) {
            synchronized (this) {
                if (client == null) {
                    S3ClientBuilder builder = S3Client.builder().region(region())
                            .credentialsProvider(DefaultCredentialsProvider.builder().build())
                            .httpClient(UrlConnectionHttpClient.create())
                            // A ranged read cannot be checked against a whole-object checksum; deletes carry no body.
                            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
                    config.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
                    client = builder.build();
                }
                made = client;
            }
        }
        return made;
    }

    @PreDestroy
    void close() {
        if (presigner != null) {
            presigner.close();
        }
        if (client != null) {
            client.close();
        }
    }
}
