package dev.skillforge.data.testing.s3;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

import dev.skillforge.data.testing.sigv4.RequestSignature;
import dev.skillforge.data.testing.sigv4.RequestSignature.SigningKey;

/**
 * TEST/LOCAL ONLY. Decides whether a request to {@link LocalObjectStore} may run, standing in for S3's SigV4 and IAM
 * checks. The store asks it for the request's own action ({@code s3:PutObject}, {@code s3:GetObject} for GET and
 * HEAD, {@code s3:DeleteObject}) on the object's ARN, and, when the key does not exist, whether the same caller may
 * {@code s3:ListBucket} on the bucket's ARN: S3 answers 404 NoSuchKey only then, else 403 AccessDenied.
 */
@FunctionalInterface
public interface S3RequestCheck {

    /** Why a request is refused: S3's error code, its message and the HTTP status. */
    record Refusal(String code, String message, int status) {
    }

    /** Empty when the request's signer may perform {@code action} on {@code resource}; {@code headers} by lower-case name. */
    Optional<Refusal> check(String action, String resource, String method, URI uri, Map<String, String> headers, byte[] body);

    /** Lets everything through, ListBucket included (unit tests of the store itself). */
    static S3RequestCheck none() {
        return (action, resource, method, uri, headers, body) -> Optional.empty();
    }

    /**
     * A valid SigV4 signature (header or presigned query) by {@code key} for {@code region}, then {@code grants}
     * (action, resource) as the signer's policy.
     */
    static S3RequestCheck sigV4(SigningKey key, String region, BiPredicate<String, String> grants) {
        return (action, resource, method, uri, headers, body) -> {
            RequestSignature.Outcome<SigningKey> signature = RequestSignature.verify(method, uri, headers, body, "s3", region,
                    accessKeyId -> Optional.of(key).filter(known -> known.accessKeyId().equals(accessKeyId)));
            if (!signature.verified()) {
                return Optional.of(new Refusal(signature.errorCode(), signature.message(), signature.status()));
            }
            return grants.test(action, resource) ? Optional.empty()
                    : Optional.of(new Refusal("AccessDenied", "Access Denied", 403));
        };
    }
}
