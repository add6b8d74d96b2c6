package dev.skillforge.local.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.skillforge.data.testing.s3.LocalObjectStore;
import dev.skillforge.data.testing.s3.S3RequestCheck;
import dev.skillforge.data.testing.sigv4.RequestSignature;
import dev.skillforge.local.cloudformation.StackTemplate;
import dev.skillforge.local.credentials.LocalCredentials;
import dev.skillforge.local.iam.Policy;

/**
 * LOCAL ONLY. The S3 endpoint of the assets bucket: a {@link LocalObjectStore} under the state folder whose every
 * request must carry a valid SigV4 signature (presigned query or Authorization header) from credentials the local
 * cloud issued, within its expiry, for headers that match what was signed (content type and length included), and
 * whose signer's role must allow the action on the object, as IAM evaluates the template's policy. A missing key is
 * 404 only for a role that may {@code s3:ListBucket} on the bucket, else 403, as on S3.
 */
public final class LocalS3 implements AutoCloseable {

    private final LocalObjectStore store;

    public LocalS3(Path storage, LocalCredentials credentials, Consumer<String> out) throws IOException {
        store = new LocalObjectStore(storage, (action, resource, method, uri, headers, body) -> check(credentials, action, resource,
                method, uri, headers, body), out);
    }

    private static Optional<S3RequestCheck.Refusal> check(LocalCredentials credentials, String action, String resource, String method,
            URI uri, Map<String, String> headers, byte[] body) {
        RequestSignature.Outcome<LocalCredentials.Session> signature = RequestSignature.verify(method, uri, headers, body, "s3",
                StackTemplate.REGION, credentials::byAccessKey);
        if (!signature.verified()) {
            return Optional.of(new S3RequestCheck.Refusal(signature.errorCode(), signature.message(), signature.status()));
        }
        if (!signature.session().policy().allows(action, resource)) {
            return Optional.of(new S3RequestCheck.Refusal("AccessDenied",
                    Policy.deniedMessage(signature.session().principalArn(), action, "\"" + resource + "\""), 403));
        }
        return Optional.empty();
    }

    /** The endpoint the functions' S3 clients and presigners use (path-style). */
    public URI endpoint() {
        return store.endpoint();
    }

    /** The stored bytes of an object, for tests. */
    public byte[] object(String bucket, String key) throws IOException {
        return store.object(bucket, key);
    }

    /** The objects themselves (the local CDN reads its origin bucket from them, with CloudFront's own access). */
    public LocalObjectStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
    }
}
