package dev.skillforge.local.iam;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import dev.skillforge.local.credentials.LocalCredentials.Session;

/**
 * LOCAL ONLY. Checks a request's AWS Signature Version 4 the way AWS does: the caller is found by the access key id
 * in the credential scope, and the request is signed again with that key's secret by the AWS SDK's own SigV4 signer
 * (at the time the request says it was signed) and the signatures compared. Both forms: the Authorization header
 * (SDK calls to DynamoDB) and the query string (presigned S3 URLs, which also expire).
 */
public final class RequestSignature {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** AWS accepts a header-signed request up to 15 minutes from its signing time. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(15);

    /** Who signed the request, or why it is refused (an AWS error code and message). */
    public record Outcome(Session session, String errorCode, String message) {

        static Outcome refused(String code, String message) {
            return new Outcome(null, code, message);
        }

        public boolean verified() {
            return session != null;
        }
    }

    private RequestSignature() {
    }

    /** A request signed in its Authorization header; {@code headers} by lower-case name. */
    public static Outcome verifyHeader(String method, URI uri, Map<String, String> headers, byte[] body, String service,
            String region, Function<String, Optional<Session>> sessions) {
        String authorization = headers.getOrDefault("authorization", "");
        if (!authorization.startsWith("AWS4-HMAC-SHA256 ")) {
            return Outcome.refused("MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : authorization.substring("AWS4-HMAC-SHA256 ".length()).split(",")) {
            String[] pair = part.strip().split("=", 2);
            parts.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        String[] scope = parts.getOrDefault("Credential", "").split("/");
        Optional<Session> session = scope.length == 5 ? sessions.apply(scope[0]) : Optional.empty();
        if (session.isEmpty()) {
            return Outcome.refused("UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        if (!session.get().sessionToken().equals(headers.get("x-amz-security-token"))) {
            return Outcome.refused("UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        if (!scope[2].equals(region) || !scope[3].equals(service)) {
            return Outcome.refused("InvalidSignatureException", "Credential should be scoped to a valid region and service: '"
                    + region + "', '" + service + "'.");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(headers.getOrDefault("x-amz-date", "")));
        } catch (DateTimeParseException e) {
            return Outcome.refused("IncompleteSignatureException", "X-Amz-Date is missing or malformed");
        }
        if (Duration.between(signedAt, Instant.now()).abs().compareTo(CLOCK_SKEW) > 0) {
            return Outcome.refused("InvalidSignatureException", "Signature expired: " + headers.get("x-amz-date"));
        }
        SdkHttpRequest.Builder request = requestOf(method, uri, uri.getRawQuery(), headers, parts.get("SignedHeaders"));
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity(session.get()))
                .request(request.build())
                .payload(() -> new java.io.ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, scope[2])
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
        String expected = signed.request().firstMatchingHeader("Authorization").orElse("");
        String expectedSignature = expected.substring(expected.lastIndexOf("Signature=") + "Signature=".length());
        return same(expectedSignature, parts.getOrDefault("Signature", ""))
                ? new Outcome(session.get(), null, null)
                : Outcome.refused("InvalidSignatureException", "The request signature we calculated does not match the signature you provided.");
    }

    /** A presigned URL (S3): signature, credential and expiry all in the query string. */
    public static Outcome verifyQuery(String method, URI uri, Map<String, String> headers, String service,
            String region, Function<String, Optional<Session>> sessions) {
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
        Optional<Session> session = scope.length == 5 ? sessions.apply(scope[0]) : Optional.empty();
        if (session.isEmpty() || !session.get().sessionToken().equals(query.get("X-Amz-Security-Token"))) {
            return Outcome.refused("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
        }
        Instant signedAt;
        long expires;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(query.getOrDefault("X-Amz-Date", "")));
            expires = Long.parseLong(query.getOrDefault("X-Amz-Expires", ""));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Outcome.refused("AuthorizationQueryParametersError", "X-Amz-Date or X-Amz-Expires is malformed");
        }
        if (!scope[2].equals(region) || !scope[3].equals(service)) {
            return Outcome.refused("AuthorizationQueryParametersError", "Error parsing the X-Amz-Credential parameter; the region '"
                    + scope[2] + "' is wrong; expecting '" + region + "'");
        }
        // S3 refuses a presigned URL valid for more than seven days.
        if (expires < 1 || expires > 604_800) {
            return Outcome.refused("AuthorizationQueryParametersError", "X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        if (Instant.now().isAfter(signedAt.plusSeconds(expires))) {
            return Outcome.refused("AccessDenied", "Request has expired");
        }
        SdkHttpRequest.Builder request = requestOf(method, uri, unsignedQuery.isEmpty() ? null : unsignedQuery.toString(), headers,
                query.get("X-Amz-SignedHeaders"));
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity(session.get()))
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
                ? new Outcome(session.get(), null, null)
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

    private static AwsSessionCredentialsIdentity identity(Session session) {
        return AwsSessionCredentialsIdentity.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
