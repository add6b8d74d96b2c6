package dev.skillforge.data.testing.sigv4;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * TEST/LOCAL ONLY. Checks a request's AWS Signature Version 4 the way AWS does: the caller is found by the access key
 * id in the credential scope, and the request is signed again with that key's secret by the AWS SDK's own SigV4
 * signer (at the time the request says it was signed) and the signatures compared. Both forms: the Authorization
 * header (SDK calls: DynamoDB, Cognito, S3 HeadObject/DeleteObject) and the query string (presigned S3 URLs, which
 * also expire). Error codes are the ones the named service gives (S3 has its own).
 */
public final class RequestSignature {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** AWS accepts a header-signed request up to 15 minutes from its signing time. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(15);
    private static final String CONTENT_SHA256 = "x-amz-content-sha256";
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    /** What a signature is checked against: an access key, its secret and the session token it must come with (null: none). */
    public interface SigningKey {

        String accessKeyId();

        String secretAccessKey();

        String sessionToken();

        /** Long-term keys without a session token (the tests' static {@code test}/{@code test}). */
        static SigningKey of(String accessKeyId, String secretAccessKey) {
            record Static(String accessKeyId, String secretAccessKey, String sessionToken) implements SigningKey {
            }
            return new Static(accessKeyId, secretAccessKey, null);
        }
    }

    /** Who signed the request, or why it is refused (an AWS error code, message and HTTP status). */
    public record Outcome<K extends SigningKey>(K session, String errorCode, String message, int status) {

        static <K extends SigningKey> Outcome<K> refused(String code, String message) {
            return new Outcome<>(null, code, message, 403);
        }

        static <K extends SigningKey> Outcome<K> refused(String code, String message, int status) {
            return new Outcome<>(null, code, message, status);
        }

        public boolean verified() {
            return session != null;
        }
    }

    private RequestSignature() {
    }

    /** Either form: the Authorization header when the request has one, else the query string (S3 takes both). */
    public static <K extends SigningKey> Outcome<K> verify(String method, URI uri, Map<String, String> headers, byte[] body,
            String service, String region, Function<String, Optional<K>> keys) {
        return headers.containsKey("authorization")
                ? verifyHeader(method, uri, headers, body, service, region, keys)
                : verifyQuery(method, uri, headers, service, region, keys);
    }

    /** A request signed in its Authorization header; {@code headers} by lower-case name. */
    public static <K extends SigningKey> Outcome<K> verifyHeader(String method, URI uri, Map<String, String> headers, byte[] body,
            String service, String region, Function<String, Optional<K>> keys) {
        boolean s3 = service.equals("s3");
        String authorization = headers.getOrDefault("authorization", "");
        if (!authorization.startsWith("AWS4-HMAC-SHA256 ")) {
            return s3 ? Outcome.refused("AccessDenied", "Access Denied")
                    : Outcome.refused("MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : authorization.substring("AWS4-HMAC-SHA256 ".length()).split(",")) {
            String[] pair = part.strip().split("=", 2);
            parts.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        String[] scope = parts.getOrDefault("Credential", "").split("/");
        Optional<K> key = scope.length == 5 ? keys.apply(scope[0]) : Optional.empty();
        if (key.isEmpty() || !Objects.equals(key.get().sessionToken(), headers.get("x-amz-security-token"))) {
            return s3 ? Outcome.refused("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
                    : Outcome.refused("UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        if (!scope[2].equals(region) || !scope[3].equals(service)) {
            return s3 ? Outcome.refused("AuthorizationHeaderMalformed", "The authorization header is malformed; the region '"
                    + scope[2] + "' is wrong; expecting '" + region + "'", 400)
                    : Outcome.refused("InvalidSignatureException", "Credential should be scoped to a valid region and service: '"
                            + region + "', '" + service + "'.");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(headers.getOrDefault("x-amz-date", "")));
        } catch (DateTimeParseException e) {
            return s3 ? Outcome.refused("AccessDenied", "AWS authentication requires a valid Date or x-amz-date header")
                    : Outcome.refused("IncompleteSignatureException", "X-Amz-Date is missing or malformed");
        }
        if (Duration.between(signedAt, Instant.now()).abs().compareTo(CLOCK_SKEW) > 0) {
            return s3 ? Outcome.refused("RequestTimeTooSkewed", "The difference between the request time and the current time is too large.")
                    : Outcome.refused("InvalidSignatureException", "Signature expired: " + headers.get("x-amz-date"));
        }
        // S3 signs the payload's SHA-256 as the header states it: UNSIGNED-PAYLOAD, or the hash, which must be the body's.
        String payloadHash = headers.get(CONTENT_SHA256);
        boolean unsignedPayload = UNSIGNED_PAYLOAD.equals(payloadHash);
        if (payloadHash != null && !unsignedPayload) {
            if (payloadHash.startsWith("STREAMING-")) {
                return Outcome.refused("NotImplemented", "The local endpoint does not take chunked (streaming) signed payloads", 501);
            }
            if (!payloadHash.equals(sha256(body))) {
                return Outcome.refused("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
            }
        }
        // The signer signs the payload whatever the setting when the scheme is http; the scheme is not part of what is signed.
        URI signedUri = unsignedPayload ? URI.create("https" + uri.toString().substring(uri.getScheme().length())) : uri;
        SdkHttpRequest.Builder request = requestOf(method, signedUri, signedUri.getRawQuery(), headers, parts.get("SignedHeaders"));
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity(key.get()))
                .request(request.build())
                .payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, scope[2])
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, !unsignedPayload)
                // S3 signs the path as it is sent; other services normalize it and encode it twice.
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, !s3)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, !s3)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
        String expected = signed.request().firstMatchingHeader("Authorization").orElse("");
        String expectedSignature = expected.substring(expected.lastIndexOf("Signature=") + "Signature=".length());
        if (same(expectedSignature, parts.getOrDefault("Signature", ""))) {
            return new Outcome<>(key.get(), null, null, 200);
        }
        return s3 ? Outcome.refused("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
                : Outcome.refused("InvalidSignatureException", "The request signature we calculated does not match the signature you provided.");
    }

    /** A presigned URL (S3): signature, credential and expiry all in the query string. */
    public static <K extends SigningKey> Outcome<K> verifyQuery(String method, URI uri, Map<String, String> headers, String service,
            String region, Function<String, Optional<K>> keys) {
        Map<String, String> query = new LinkedHashMap<>();
        StringBuilder unsignedQuery = new StringBuilder();
        for (String pair : Optional.ofNullable(uri.getRawQuery()).orElse("").split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            String name = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            query.put(name, kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            if (!name.startsWith("X-Amz-")) {
                unsignedQuery.append(unsignedQuery.isEmpty() ? "" : "&").append(pair);
            }
        }
        if (!"AWS4-HMAC-SHA256".equals(query.get("X-Amz-Algorithm"))) {
            return Outcome.refused("AccessDenied", "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }
        String[] scope = query.getOrDefault("X-Amz-Credential", "").split("/");
        Optional<K> key = scope.length == 5 ? keys.apply(scope[0]) : Optional.empty();
        if (key.isEmpty() || !Objects.equals(key.get().sessionToken(), query.get("X-Amz-Security-Token"))) {
            return Outcome.refused("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
        }
        Instant signedAt;
        long expires;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(query.getOrDefault("X-Amz-Date", "")));
            expires = Long.parseLong(query.getOrDefault("X-Amz-Expires", ""));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Outcome.refused("AuthorizationQueryParametersError", "X-Amz-Date or X-Amz-Expires is malformed", 400);
        }
        if (!scope[2].equals(region) || !scope[3].equals(service)) {
            return Outcome.refused("AuthorizationQueryParametersError", "Error parsing the X-Amz-Credential parameter; the region '"
                    + scope[2] + "' is wrong; expecting '" + region + "'", 400);
        }
        // S3 refuses a presigned URL valid for more than seven days.
        if (expires < 1 || expires > 604_800) {
            return Outcome.refused("AuthorizationQueryParametersError", "X-Amz-Expires must be less than a week (in seconds) that is 604800", 400);
        }
        if (Instant.now().isAfter(signedAt.plusSeconds(expires))) {
            return Outcome.refused("AccessDenied", "Request has expired");
        }
        SdkHttpRequest.Builder request = requestOf(method, uri, unsignedQuery.isEmpty() ? null : unsignedQuery.toString(), headers,
                query.get("X-Amz-SignedHeaders"));
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity(key.get()))
                .request(request.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, scope[2])
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(expires))
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
        String expected = signed.request().firstMatchingRawQueryParameter("X-Amz-Signature").orElse("");
        return same(expected, query.getOrDefault("X-Amz-Signature", ""))
                ? new Outcome<>(key.get(), null, null, 200)
                : Outcome.refused("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
    }

    /** The request as it was signed: only the headers the signature names (host comes from the URI). */
    private static SdkHttpRequest.Builder requestOf(String method, URI uri, String rawQuery, Map<String, String> headers, String signedHeaders) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + (rawQuery == null ? "" : "?" + rawQuery)));
        for (String name : List.of(Optional.ofNullable(signedHeaders).orElse("").split(";"))) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.isEmpty() && !lower.equals("host") && headers.containsKey(lower)) {
                request.putHeader(lower, headers.get(lower));
            }
        }
        return request;
    }

    private static AwsCredentialsIdentity identity(SigningKey key) {
        return key.sessionToken() == null ? AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey(), key.sessionToken());
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
