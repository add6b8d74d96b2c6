package dev.skillforge.local.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.web.routes.Route;

/** API Gateway HTTP API events (payload format 2.0) as the gateway emulation and the benchmark send them. */
public final class HttpEvents {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> TEXT_TYPES = Set.of("application/json", "application/problem+json",
            "application/xml", "application/x-www-form-urlencoded", "application/javascript");
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** An HTTP request as it reached the gateway. */
    public record Call(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
            String sourceIp, String protocol) {
    }

    private HttpEvents() {
    }

    /** The event for a call matched to a route; {@code claims} are the authorizer's verified claims, or null. */
    public static ObjectNode v2(Call call, Route route, Map<String, String> pathParameters, Map<String, Object> claims, String requestId) {
        ObjectNode event = JSON.objectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", call.rawPath());
        event.put("rawQueryString", call.rawQuery() == null ? "" : call.rawQuery());
        ObjectNode headers = event.putObject("headers");
        List<String> cookies = new ArrayList<>();
        String contentType = null;
        for (Map.Entry<String, List<String>> header : call.headers().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                header.getValue().forEach(value -> cookies.addAll(List.of(value.split(";\\s*"))));
            } else {
                headers.put(name, String.join(",", header.getValue()));
                if (name.equals("content-type")) {
                    contentType = header.getValue().get(0);
                }
            }
        }
        if (!cookies.isEmpty()) {
            cookies.forEach(event.putArray("cookies")::add);
        }
        if (call.rawQuery() != null && !call.rawQuery().isEmpty()) {
            ObjectNode parameters = event.putObject("queryStringParameters");
            for (String pair : call.rawQuery().split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                // Repeated parameters arrive comma-joined, as API Gateway sends them.
                parameters.put(name, parameters.has(name) ? parameters.get(name).asText() + "," + value : value);
            }
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            pathParameters.forEach(parameters::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("domainName", "localhost");
        context.put("domainPrefix", "localhost");
        ObjectNode http = context.putObject("http");
        http.put("method", call.method());
        http.put("path", call.rawPath());
        http.put("protocol", call.protocol());
        http.put("sourceIp", call.sourceIp());
        List<String> userAgent = call.headers().get("User-Agent");
        http.put("userAgent", userAgent == null ? "" : userAgent.get(0));
        context.put("requestId", requestId);
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        Instant now = Instant.now();
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (claims != null) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode claimValues = jwt.putObject("claims");
            claims.forEach((name, value) -> claimValues.put(name, claimText(value)));
            jwt.putArray("scopes");
        }
        if (call.body() != null && call.body().length > 0) {
            boolean text = isText(contentType);
            event.put("body", text ? new String(call.body(), StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(call.body()));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** API Gateway hands claims over as strings; lists look like "[a b]". */
    private static String claimText(Object value) {
        if (value instanceof List<?> list) {
            return "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]";
        }
        return String.valueOf(value);
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.endsWith("+json") || TEXT_TYPES.contains(type);
    }
}
