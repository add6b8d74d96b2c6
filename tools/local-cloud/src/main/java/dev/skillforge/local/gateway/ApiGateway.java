package dev.skillforge.local.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import dev.skillforge.web.routes.Route;
import dev.skillforge.web.routes.RouteTable;
import dev.skillforge.local.cloudformation.StackTemplate;
import dev.skillforge.local.identity.DevIdentity;
import dev.skillforge.local.lambda.FunctionInstance;
import dev.skillforge.local.lambda.LambdaRuntimeApi;

/**
 * LOCAL ONLY. An API Gateway HTTP API on one port, routed by the shared {@link RouteTable} exactly as the CDK app
 * wires the real one: every route key of {@link RouteTable#SERVED} (a HEAD for each GET), the most specific route
 * wins, and what no route key matches goes to the function the template's {@code $default} route invokes (without an
 * authorizer; without such a route, API Gateway's own 404). The JWT authorizer guards every non-public route and puts
 * the verified claims in {@code requestContext.authorizer.jwt}; CORS follows the template's CorsConfiguration
 * ({@link Cors}): a preflight no route matches is answered here, one a route matches ($default matches every path and
 * method) goes to its function and gets the preflight's CORS headers added to the function's answer, as on AWS; each
 * request becomes a payload format 2.0 event.
 */
public final class ApiGateway implements AutoCloseable {

    /** Headers about the hop, not the message: the gateway frames its own answer. */
    private static final Set<String> FRAMING_HEADERS = Set.of("transfer-encoding", "content-length", "connection");


    /** API Gateway's integration timeout. */
    private static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);
    /** Lambda's synchronous payload limit; API Gateway answers 413 above it. */
    private static final int MAX_BODY_BYTES = 6 * 1024 * 1024;

    private static final String DEFAULT_ROUTE = "$default";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, FunctionInstance> functions;
    private final DevIdentity identity;
    private final Consumer<String> out;
    private final HttpServer server;
    /** The function the $default route invokes, by its route-table name; null when the stack has no $default route. */
    private final String unmatchedFunction;
    /** Null when the stack configures no CORS (then OPTIONS is routed like any method). */
    private final Cors cors;
    private volatile AnswerObserver observer = (method, path, status, contentType, body) -> { };

    /** Sees every answer the gateway gives, its own and the functions' (the end-to-end suites check each against the document). */
    public interface AnswerObserver {
        void answered(String method, String path, int status, String contentType, byte[] body);
    }

    public ApiGateway(int port, Map<String, FunctionInstance> functions, StackTemplate.HttpApi api, DevIdentity identity,
            Consumer<String> out) throws IOException {
        this.functions = functions;
        this.identity = identity;
        this.out = out;
        this.cors = api.cors() == null ? null : new Cors(api.cors());
        this.unmatchedFunction = api.unmatchedFunctionName() == null ? null : functions.keySet().stream()
                .filter(name -> api.unmatchedFunctionName().endsWith("-" + name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the $default route invokes " + api.unmatchedFunctionName()
                        + ", which the local cloud does not run"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void observe(AnswerObserver answers) {
        this.observer = answers;
    }

    /** Serves a local-only page (such as the API reference) under a path prefix no route uses. */
    public void serve(String prefix, HttpHandler handler) {
        server.createContext(prefix, handler);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long started = System.nanoTime();
            String requestId = requestId();
            exchange.getResponseHeaders().add("apigw-requestid", requestId);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            boolean preflight = cors != null
                    && Cors.isPreflight(method, origin, exchange.getRequestHeaders().getFirst("Access-Control-Request-Method"));
            RouteTable.Match match = RouteTable.match(method, path).orElse(null);
            if (preflight && match == null && unmatchedFunction == null) {
                // API Gateway answers a preflight itself only when no route, $default included, matches it.
                preflight(exchange, origin);
                log(method, path, "(CORS preflight)", 204, started, null);
                return;
            }
            if (match == null && unmatchedFunction == null) {
                message(exchange, 404, "Not Found");
                log(method, path, "(no route)", 404, started, null);
                return;
            }
            String routeKey = match == null ? DEFAULT_ROUTE : match.route().routeKey();
            String target = match == null ? unmatchedFunction : match.route().function();
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                message(exchange, 413, "Request Entity Too Large");
                log(method, path, target, 413, started, null);
                return;
            }
            Map<String, Object> claims = null;
            if (match != null && match.route().access() == Route.Access.TOKEN) {
                claims = authorize(exchange.getRequestHeaders().getFirst("Authorization"));
                if (claims == null) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                    message(exchange, 401, "Unauthorized");
                    log(method, path, target, 401, started, null);
                    return;
                }
            }
            FunctionInstance function = functions.get(target);
            ObjectNode event = HttpEvents.v2(new HttpEvents.Call(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body,
                    exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol()),
                    routeKey, match == null ? Map.of() : match.pathParameters(), claims, requestId);
            LambdaRuntimeApi.Result result;
            try {
                // Lambda stops the function at its own timeout; the HTTP API waits 30 s at most.
                result = function.invoke(event.toString(), function.timeout().compareTo(INTEGRATION_TIMEOUT) < 0 ? function.timeout() : INTEGRATION_TIMEOUT);
            } catch (TimeoutException e) {
                message(exchange, 503, "Service Unavailable");
                log(method, path, target, 503, started, null);
                return;
            } catch (IllegalStateException | InterruptedException e) {
                message(exchange, 502, "Internal Server Error");
                log(method, path, target, 502, started, null);
                return;
            }
            int status;
            if (result.error()) {
                status = 500;
                message(exchange, 500, "Internal Server Error");
            } else {
                try {
                    status = respond(exchange, json.readTree(result.payload()), origin, preflight);
                } catch (IOException | IllegalArgumentException malformed) {
                    if (exchange.getResponseCode() != -1) {
                        throw malformed instanceof IOException io ? io : new IOException(malformed); // the client left mid-answer
                    }
                    // A payload API Gateway cannot read as a response (not JSON, a body that is not Base64): its 502.
                    status = 502;
                    message(exchange, 502, "Internal Server Error");
                }
            }
            log(method, path, target, status, started, result);
        } catch (RuntimeException e) {
            out.accept("  gateway error: " + e);
        }
    }

    /** API Gateway's own answer to a CORS preflight no route matches: 204, the CORS headers when allowed, no function invoked. */
    private void preflight(HttpExchange exchange, String origin) throws IOException {
        cors.preflight(origin, exchange.getRequestHeaders().getFirst("Access-Control-Request-Method"),
                exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers"))
                .forEach(exchange.getResponseHeaders()::set);
        observer.answered(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), 204, null, new byte[0]);
        exchange.sendResponseHeaders(204, -1);
    }

    private Map<String, Object> authorize(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return identity.verify(authorization.substring(7).trim());
    }

    /**
     * Writes the function's payload format 2.0 response, with CORS as configured (for a preflight the function answered,
     * the preflight's headers); returns its status.
     */
    private int respond(HttpExchange exchange, JsonNode response, String origin, boolean preflight) throws IOException {
        int status = response.path("statusCode").asInt(200);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        response.path("headers").properties().forEach(header -> {
            if (passes(header.getKey(), head)) {
                exchange.getResponseHeaders().add(header.getKey(), header.getValue().asText());
            }
        });
        response.path("multiValueHeaders").properties().forEach(header -> {
            if (passes(header.getKey(), head)) {
                header.getValue().forEach(value -> exchange.getResponseHeaders().add(header.getKey(), value.asText()));
            }
        });
        if (preflight) {
            cors.preflight(origin, exchange.getRequestHeaders().getFirst("Access-Control-Request-Method"),
                    exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers")).forEach(exchange.getResponseHeaders()::set);
        } else if (cors != null) {
            cors.actual(origin).forEach(exchange.getResponseHeaders()::set);
        }
        response.path("cookies").forEach(cookie -> exchange.getResponseHeaders().add("Set-Cookie", cookie.asText()));
        JsonNode bodyNode = response.get("body");
        byte[] body = bodyNode == null || bodyNode.isNull() ? new byte[0]
                : response.path("isBase64Encoded").asBoolean() ? Base64.getDecoder().decode(bodyNode.asText())
                : bodyNode.asText().getBytes(StandardCharsets.UTF_8);
        boolean noBody = status == 204 || status == 304 || exchange.getRequestMethod().equals("HEAD");
        observer.answered(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), status,
                exchange.getResponseHeaders().getFirst("Content-Type"), noBody ? new byte[0] : body);
        exchange.sendResponseHeaders(status, noBody || body.length == 0 ? -1 : body.length);
        if (!noBody && body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        return status;
    }

    /**
     * Whether a function's response header reaches the client. Framing is the gateway's, as on API Gateway: a function's
     * Transfer-Encoding (Quarkus marks large answers chunked) or Content-Length would contradict the length the body is
     * sent with, and a client would wait for chunks; a HEAD has no body, so its Content-Length (the GET's) is passed on.
     * With a CORS configuration the function's Access-Control-* headers are ignored.
     */
    private boolean passes(String name, boolean head) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (cors != null && Cors.isCorsHeader(lower)) {
            return false;
        }
        return !FRAMING_HEADERS.contains(lower) || head && lower.equals("content-length");
    }

    /** API Gateway's own answers are {"message": "..."} documents. */
    private void message(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        observer.answered(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), status, "application/json",
                head ? new byte[0] : body);
        if (exchange.getRequestMethod().equals("HEAD")) {
            // the same answer without the body; its length is stated, as for a GET
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private void log(String method, String path, String function, int status, long started, LambdaRuntimeApi.Result result) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        out.accept(String.format("  %d %-6s %-44s %-20s %5d ms%s", status, method, path, function, millis,
                result == null ? "" : result.cold() ? "  cold" : "  warm"));
    }

    /** Request ids shaped like API Gateway's (base64-ish, ending in '='). */
    private static String requestId() {
        byte[] random = new byte[11];
        ThreadLocalRandom.current().nextBytes(random);
        return Base64.getEncoder().withoutPadding().encodeToString(random).replace('+', 'x').replace('/', 'y') + "=";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
