package dev.skillforge.local.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
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
import dev.skillforge.local.identity.DevIdentity;
import dev.skillforge.local.lambda.FunctionInstance;
import dev.skillforge.local.lambda.LambdaRuntimeApi;

/**
 * LOCAL ONLY. An API Gateway HTTP API on one port, routed by the shared {@link RouteTable} exactly as the CDK app
 * wires the real one: the most specific route wins, unknown routes get API Gateway's 404, the JWT authorizer
 * guards every non-public route and puts the verified claims in {@code requestContext.authorizer.jwt}, and
 * each request becomes a payload format 2.0 event for the route's function.
 */
public final class ApiGateway implements AutoCloseable {

    /** Headers about the hop, not the message: the gateway frames its own answer. */
    private static final java.util.Set<String> FRAMING_HEADERS = java.util.Set.of("transfer-encoding", "content-length", "connection");


    /** API Gateway's integration timeout. */
    private static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);
    /** Lambda's synchronous payload limit; API Gateway answers 413 above it. */
    private static final int MAX_BODY_BYTES = 6 * 1024 * 1024;

    private final ObjectMapper json = new ObjectMapper();
    private final List<Route> routes;
    private final Map<String, FunctionInstance> functions;
    private final DevIdentity identity;
    private final Consumer<String> out;
    private final HttpServer server;

    public ApiGateway(int port, Map<String, FunctionInstance> functions, DevIdentity identity, Consumer<String> out)
            throws IOException {
        // Literal segments outrank parameters, as in API Gateway's route selection (/courses/search over /courses/{id}).
        this.routes = RouteTable.ALL.stream().sorted(Comparator.comparing(ApiGateway::specificity).reversed()).toList();
        this.functions = functions;
        this.identity = identity;
        this.out = out;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Serves a local-only page (such as the API reference) under a path prefix no route uses. */
    public void serve(String prefix, HttpHandler handler) {
        server.createContext(prefix, handler);
    }

    private static String specificity(Route route) {
        StringBuilder rank = new StringBuilder();
        for (String segment : route.path().split("/")) {
            rank.append(segment.startsWith("{") ? '0' : '1');
        }
        return rank.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long started = System.nanoTime();
            String requestId = requestId();
            exchange.getResponseHeaders().add("apigw-requestid", requestId);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            Match match = match(method, path);
            if (match == null) {
                message(exchange, 404, "Not Found");
                log(method, path, null, 404, started, null);
                return;
            }
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                message(exchange, 413, "Request Entity Too Large");
                log(method, path, match.route(), 413, started, null);
                return;
            }
            Map<String, Object> claims = null;
            if (match.route().access() == Route.Access.TOKEN) {
                claims = authorize(exchange.getRequestHeaders().getFirst("Authorization"));
                if (claims == null) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                    message(exchange, 401, "Unauthorized");
                    log(method, path, match.route(), 401, started, null);
                    return;
                }
            }
            FunctionInstance function = functions.get(match.route().function());
            ObjectNode event = HttpEvents.v2(new HttpEvents.Call(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body,
                    exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol()),
                    match.route(), match.pathParameters(), claims, requestId);
            LambdaRuntimeApi.Result result;
            try {
                // Lambda stops the function at its own timeout; the HTTP API waits 30 s at most.
                result = function.invoke(event.toString(), function.timeout().compareTo(INTEGRATION_TIMEOUT) < 0 ? function.timeout() : INTEGRATION_TIMEOUT);
            } catch (TimeoutException e) {
                message(exchange, 503, "Service Unavailable");
                log(method, path, match.route(), 503, started, null);
                return;
            } catch (IllegalStateException | InterruptedException e) {
                message(exchange, 502, "Internal Server Error");
                log(method, path, match.route(), 502, started, null);
                return;
            }
            int status = result.error() ? 500 : respond(exchange, json.readTree(result.payload()));
            if (result.error()) {
                message(exchange, 500, "Internal Server Error");
            }
            log(method, path, match.route(), status, started, result);
        } catch (RuntimeException e) {
            out.accept("  gateway error: " + e);
        }
    }

    public record Match(Route route, Map<String, String> pathParameters) {
    }

    public Match match(String method, String rawPath) {
        String[] segments = rawPath.split("/", -1);
        for (Route route : routes) {
            if (!route.method().equals(method)) {
                continue;
            }
            String[] template = route.path().split("/", -1);
            if (template.length != segments.length) {
                continue;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            boolean matches = true;
            for (int i = 0; i < template.length && matches; i++) {
                if (template[i].startsWith("{")) {
                    matches = !segments[i].isEmpty();
                    parameters.put(template[i].substring(1, template[i].length() - 1),
                            URLDecoder.decode(segments[i], StandardCharsets.UTF_8));
                } else {
                    matches = template[i].equals(segments[i]);
                }
            }
            if (matches) {
                return new Match(route, parameters);
            }
        }
        return null;
    }

    private Map<String, Object> authorize(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return identity.verify(authorization.substring(7).trim());
    }

    /** Writes the function's payload format 2.0 response; returns its status. */
    private int respond(HttpExchange exchange, JsonNode response) throws IOException {
        int status = response.path("statusCode").asInt(200);
        // Framing is the gateway's, as on API Gateway: a function's Transfer-Encoding (Quarkus marks large answers chunked)
        // or Content-Length would contradict the length the body is sent with, and a client would wait for chunks.
        response.path("headers").properties().forEach(header -> {
            if (!FRAMING_HEADERS.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                exchange.getResponseHeaders().add(header.getKey(), header.getValue().asText());
            }
        });
        response.path("multiValueHeaders").properties().forEach(header -> {
            if (!FRAMING_HEADERS.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                header.getValue().forEach(value -> exchange.getResponseHeaders().add(header.getKey(), value.asText()));
            }
        });
        response.path("cookies").forEach(cookie -> exchange.getResponseHeaders().add("Set-Cookie", cookie.asText()));
        JsonNode bodyNode = response.get("body");
        byte[] body = bodyNode == null || bodyNode.isNull() ? new byte[0]
                : response.path("isBase64Encoded").asBoolean() ? Base64.getDecoder().decode(bodyNode.asText())
                : bodyNode.asText().getBytes(StandardCharsets.UTF_8);
        boolean noBody = status == 204 || status == 304 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody || body.length == 0 ? -1 : body.length);
        if (!noBody && body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        return status;
    }

    /** API Gateway's own answers are {"message": "..."} documents. */
    private static void message(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private void log(String method, String path, Route route, int status, long started, LambdaRuntimeApi.Result result) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        out.accept(String.format("  %d %-6s %-44s %-20s %5d ms%s", status, method, path,
                route == null ? "(no route)" : route.function(), millis,
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
