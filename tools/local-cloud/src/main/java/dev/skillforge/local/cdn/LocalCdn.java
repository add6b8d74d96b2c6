package dev.skillforge.local.cdn;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.skillforge.data.testing.s3.LocalObjectStore;
import dev.skillforge.local.cloudformation.StackTemplate;
import dev.skillforge.local.iam.Policy;

/**
 * LOCAL ONLY. The CloudFront distribution of the template in front of the local assets bucket, at
 * {@code http://localhost:<port>} (its domain name is {@code localhost:<port>}; no TLS, so the functions' public base
 * URL is this http URL). A request's path is matched against the cache behaviors' path patterns in order ({@code *}
 * any run of characters, {@code /} included; {@code ?} one), else the default behavior applies. A behavior with
 * trusted key groups serves only a signed URL: canned policy ({@code Expires}, {@code Signature},
 * {@code Key-Pair-Id}) or custom policy ({@code Policy}, {@code Signature}, {@code Key-Pair-Id}), SHA1withRSA by a
 * public key of the groups, unexpired. As on CloudFront, what is signed is the URL the viewer asked for without the
 * signing parameters: {@code http://} + the Host header + the path + the remaining query, so a URL signed for
 * {@code localhost} fails when sent to {@code 127.0.0.1}. Refusals are 403 with CloudFront's XML error. The object
 * (the path without its leading slash; the query is not part of the key) comes from the origin bucket with the access
 * the bucket policy gives CloudFront (origin access control, no SigV4 here): Range requests are 206, and a missing key
 * is the origin's 403 unless the policy grants {@code s3:ListBucket}. What comes back from the origin gets the
 * behavior's response headers policy: {@code X-Content-Type-Options: nosniff}, and the CORS headers when the request's
 * Origin is one the policy allows. The behaviors must be read-only (GET, HEAD): preflights are not reproduced.
 */
public final class LocalCdn implements AutoCloseable {

    private static final Set<String> SIGNING_PARAMETERS = Set.of("Expires", "Signature", "Key-Pair-Id", "Policy");
    private static final String METHOD_NOT_ALLOWED = "This distribution is not configured to allow the HTTP request method that was used"
            + " for this request. The distribution supports only cachable requests.";

    /** A distribution being served: its behaviors, the origin's objects and the trusted keys by id. */
    private record Served(StackTemplate.Distribution distribution, LocalObjectStore origin, Map<String, PublicKey> keys) {
    }

    /** Why a viewer request is refused: what the viewer sees (CloudFront's code and message) and, for the log, why. */
    private record Refusal(String code, String message, String reason) {

        static Refusal denied(String reason) {
            return new Refusal("AccessDenied", "Access denied", reason);
        }
    }

    private final Consumer<String> out;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private volatile Served served;

    /** Listens on a free local port; requests are refused with 503 until {@link #serve} names the distribution. */
    public LocalCdn(Consumer<String> out) throws IOException {
        this(out, Clock.systemUTC());
    }

    LocalCdn(Consumer<String> out, Clock clock) throws IOException {
        this.out = out;
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The distribution's domain name (what Fn::GetAtt DomainName gives locally). */
    public String domainName() {
        return "localhost:" + server.getAddress().getPort();
    }

    /** The public base URL of the media: what the functions' SKILLFORGE_MEDIA_PUBLIC_BASE_URL is locally. */
    public URI baseUri() {
        return URI.create("http://" + domainName());
    }

    /** Serves a distribution of the template from the objects of its origin bucket. */
    public void serve(StackTemplate.Distribution distribution, LocalObjectStore origin) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        List<StackTemplate.CacheBehavior> all = new ArrayList<>(distribution.behaviors());
        all.add(distribution.defaultBehavior());
        for (StackTemplate.CacheBehavior behavior : all) {
            if (!List.of("GET", "HEAD").containsAll(behavior.allowedMethods())) {
                throw new IllegalStateException("the local CDN serves read-only behaviors (GET, HEAD), not " + behavior.allowedMethods()
                        + " of " + (behavior.pathPattern() == null ? "the default behavior" : behavior.pathPattern()));
            }
            for (StackTemplate.TrustedKey key : behavior.trustedKeys()) {
                try {
                    keys.put(key.id(), MediaSigningKey.publicKey(key.publicKeyPem()));
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    throw new IllegalStateException("the public key " + key.id() + " of " + distribution.logicalId() + " is not an RSA PEM", e);
                }
            }
        }
        served = new Served(distribution, origin, Map.copyOf(keys));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Served current = served;
            if (current == null) {
                LocalObjectStore.sendError(exchange, 503, "ServiceUnavailable", "The local CDN has no distribution yet");
                return;
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            StackTemplate.CacheBehavior behavior = behaviorFor(current.distribution(), path);
            if (!behavior.allowedMethods().contains(method)) {
                byte[] body = METHOD_NOT_ALLOWED.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain");
                exchange.sendResponseHeaders(403, method.equals("HEAD") ? -1 : body.length);
                if (!method.equals("HEAD")) {
                    exchange.getResponseBody().write(body);
                }
                return;
            }
            if (!behavior.trustedKeys().isEmpty()) {
                Optional<Refusal> refusal = checkSignedUrl(exchange, behavior, current.keys());
                if (refusal.isPresent()) {
                    out.accept("cdn       " + refusal.get().code() + " " + method + " " + path + ": " + refusal.get().reason());
                    LocalObjectStore.sendError(exchange, 403, refusal.get().code(), refusal.get().message());
                    return;
                }
            }
            addPolicyHeaders(exchange, behavior.responseHeaders());
            fromOrigin(exchange, current, behavior.originBucket());
        }
    }

    /**
     * The response headers policy on a response from the origin (an object or the origin's error). CloudFront's
     * documentation speaks of responses served from its cache or forwarded from the origin, not of its own refusals
     * (method not allowed, a missing or bad signature), so those get none here. CORS headers only for a request whose
     * Origin the policy allows, as CloudFront does; the preflight-only ones (allowed methods and headers, max age)
     * never, as these behaviors take no OPTIONS. No {@code Vary}: CloudFront's documentation does not say it adds one,
     * so the stand-in does not invent it. The local origin sends none of these headers (CloudFront forwards no Origin
     * to S3 here), so OriginOverride changes nothing locally.
     */
    private static void addPolicyHeaders(HttpExchange exchange, StackTemplate.ResponseHeaders policy) {
        if (policy == null) {
            return;
        }
        Headers headers = exchange.getResponseHeaders();
        if (policy.noSniff()) {
            headers.set("X-Content-Type-Options", "nosniff");
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        StackTemplate.CorsConfig cors = policy.cors();
        if (cors == null || origin == null) {
            return;
        }
        allowedOrigin(cors.allowOrigins(), origin).ifPresent(allowed -> {
            headers.set("Access-Control-Allow-Origin", allowed);
            if (cors.allowCredentials()) {
                headers.set("Access-Control-Allow-Credentials", "true");
            }
            if (!cors.exposeHeaders().isEmpty()) {
                headers.set("Access-Control-Expose-Headers", String.join(",", cors.exposeHeaders()));
            }
        });
    }

    /**
     * The Access-Control-Allow-Origin for a request's Origin: {@code *} when the policy allows every origin, else the
     * Origin itself when it is listed or matches a listed {@code scheme://*.domain} (the wildcard standing for the
     * leftmost labels only); empty when the Origin is not allowed.
     */
    static Optional<String> allowedOrigin(List<String> allowed, String origin) {
        if (allowed.contains("*")) {
            return Optional.of("*");
        }
        for (String each : allowed) {
            int star = each.indexOf("*.");
            boolean matches = star < 0 ? each.equalsIgnoreCase(origin)
                    : Pattern.compile(Pattern.quote(each.substring(0, star)) + "[^./:]+(\\.[^./:]+)*" + Pattern.quote(each.substring(star + 1)),
                            Pattern.CASE_INSENSITIVE).matcher(origin).matches();
            if (matches) {
                return Optional.of(origin);
            }
        }
        return Optional.empty();
    }

    /** The first cache behavior whose path pattern matches, else the default (patterns are relative to the root). */
    static StackTemplate.CacheBehavior behaviorFor(StackTemplate.Distribution distribution, String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        for (StackTemplate.CacheBehavior behavior : distribution.behaviors()) {
            String pattern = behavior.pathPattern().startsWith("/") ? behavior.pathPattern().substring(1) : behavior.pathPattern();
            if (Policy.wildcard(pattern, false).matcher(path).matches()) {
                return behavior;
            }
        }
        return distribution.defaultBehavior();
    }

    /** The origin fetch, with the access the bucket policy gives CloudFront's service principal. */
    private void fromOrigin(HttpExchange exchange, Served current, String bucket) throws IOException {
        String key = exchange.getRequestURI().getPath().replaceFirst("^/", "");
        Policy access = current.distribution().originAccess();
        exchange.getResponseHeaders().add("X-Cache", "Miss from cloudfront");
        if (!access.allows("s3:GetObject", "arn:aws:s3:::" + bucket + "/" + key)) {
            LocalObjectStore.sendError(exchange, 403, "AccessDenied", "Access Denied");
            return;
        }
        current.origin().serveObject(exchange, bucket, key, () -> access.allows("s3:ListBucket", "arn:aws:s3:::" + bucket));
    }

    /** Empty when the URL is signed by a trusted key, for this URL, and within its policy's dates (and source IP). */
    private Optional<Refusal> checkSignedUrl(HttpExchange exchange, StackTemplate.CacheBehavior behavior, Map<String, PublicKey> keys) {
        Map<String, String> signing = new LinkedHashMap<>();
        List<String> remaining = new ArrayList<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
            if (SIGNING_PARAMETERS.contains(name)) {
                signing.put(name, pair.contains("=") ? URLDecoder.decode(pair.split("=", 2)[1], StandardCharsets.UTF_8) : "");
            } else if (!pair.isEmpty()) {
                remaining.add(pair);
            }
        }
        if (!signing.containsKey("Key-Pair-Id")) {
            return Optional.of(new Refusal("MissingKey", "Missing Key-Pair-Id query parameter or cookie value", "no Key-Pair-Id"));
        }
        String keyId = signing.get("Key-Pair-Id");
        if (behavior.trustedKeys().stream().noneMatch(key -> key.id().equals(keyId))) {
            return Optional.of(Refusal.denied("the key " + keyId + " is not in the behavior's trusted key groups"));
        }
        boolean canned = signing.containsKey("Expires");
        if (canned == signing.containsKey("Policy") || !signing.containsKey("Signature")) {
            return Optional.of(Refusal.denied("a signed URL has Signature and either Expires or Policy"));
        }
        String resource = "http://" + exchange.getRequestHeaders().getFirst("Host") + exchange.getRequestURI().getRawPath()
                + (remaining.isEmpty() ? "" : "?" + String.join("&", remaining));
        try {
            byte[] policy = canned
                    ? ("{\"Statement\":[{\"Resource\":\"" + resource + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":"
                            + Long.parseLong(signing.get("Expires")) + "}}}]}").getBytes(StandardCharsets.UTF_8)
                    : cloudFrontBase64(signing.get("Policy"));
            Signature verifier = Signature.getInstance("SHA1withRSA");
            verifier.initVerify(keys.get(keyId));
            verifier.update(policy);
            if (!verifier.verify(cloudFrontBase64(signing.get("Signature")))) {
                return Optional.of(Refusal.denied("the signature does not match " + (canned ? "the canned policy of " + resource : "the policy")));
            }
            return canned ? within(Long.parseLong(signing.get("Expires")), null) : customPolicy(policy, resource, exchange);
        } catch (GeneralSecurityException | IllegalArgumentException | IOException e) {
            return Optional.of(Refusal.denied("a malformed signed URL: " + e.getMessage()));
        }
    }

    /** A custom policy's first statement: its Resource (with wildcards) covers the URL, its dates and source IP hold. */
    private Optional<Refusal> customPolicy(byte[] policy, String resource, HttpExchange exchange) throws IOException {
        JsonNode statement = json.readTree(policy).path("Statement").path(0);
        JsonNode condition = statement.path("Condition");
        if (statement.has("Resource") && !Policy.wildcard(statement.path("Resource").asText(), false).matcher(resource).matches()) {
            return Optional.of(Refusal.denied("the policy's resource " + statement.path("Resource").asText() + " does not cover " + resource));
        }
        if (!condition.path("DateLessThan").path("AWS:EpochTime").canConvertToLong()) {
            return Optional.of(Refusal.denied("the policy has no DateLessThan"));
        }
        JsonNode notBefore = condition.path("DateGreaterThan").path("AWS:EpochTime");
        Optional<Refusal> dates = within(condition.path("DateLessThan").path("AWS:EpochTime").asLong(),
                notBefore.canConvertToLong() ? notBefore.asLong() : null);
        JsonNode sourceIp = condition.path("IpAddress").path("AWS:SourceIp");
        if (dates.isEmpty() && sourceIp.isTextual() && !inRange(exchange.getRemoteAddress().getAddress(), sourceIp.asText())) {
            return Optional.of(Refusal.denied("the viewer's address is not in " + sourceIp.asText()));
        }
        return dates;
    }

    private Optional<Refusal> within(long expires, Long notBefore) {
        long now = clock.instant().getEpochSecond();
        if (now >= expires) {
            return Optional.of(Refusal.denied("the URL expired at " + expires + " (now " + now + ")"));
        }
        if (notBefore != null && now < notBefore) {
            return Optional.of(Refusal.denied("the URL is valid from " + notBefore + " (now " + now + ")"));
        }
        return Optional.empty();
    }

    /** Whether an address is in a CIDR range ({@code 192.0.2.0/24}, or one address without a length). */
    private static boolean inRange(InetAddress address, String cidr) throws UnknownHostException {
        String[] parts = cidr.split("/", 2);
        byte[] network = InetAddress.getByName(parts[0]).getAddress();
        byte[] candidate = address.getAddress();
        if (network.length != candidate.length) {
            return false;
        }
        int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : network.length * 8;
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((network[i / 8] & mask) != (candidate[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** CloudFront's URL-safe base64: {@code -} for {@code +}, {@code _} for {@code =}, {@code ~} for {@code /}. */
    static byte[] cloudFrontBase64(String value) {
        return Base64.getDecoder().decode(value.replace('-', '+').replace('_', '=').replace('~', '/'));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
