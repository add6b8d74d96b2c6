package dev.skillforge.local.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.skillforge.local.cloudformation.StackTemplate;

/**
 * LOCAL ONLY. An HTTP API's CORS as API Gateway applies its CorsConfiguration (read from the synthesized template):
 * <ul>
 * <li>a preflight (OPTIONS with {@code Origin} and {@code Access-Control-Request-Method}) that no route matches is
 * answered by the gateway itself, without invoking a function: 204; one that a route matches (the {@code $default} route
 * matches every method) is that route's integration's to answer. Either answer gets the Access-Control-Allow-* headers
 * when the origin, the method and every requested header are allowed (none otherwise, so the browser does not send the
 * request);</li>
 * <li>an actual request with an allowed {@code Origin} gets Access-Control-Allow-Origin, -Expose-Headers and, when
 * configured, -Allow-Credentials added to the function's response;</li>
 * <li>the function's own Access-Control-* headers are dropped: with a CORS configuration the gateway ignores them.</li>
 * </ul>
 * Origins match exactly or by {@code *}; methods and headers by {@code *} or by name (headers case-insensitively).
 */
public final class Cors {

    private final StackTemplate.CorsConfiguration configuration;

    public Cors(StackTemplate.CorsConfiguration configuration) {
        this.configuration = configuration;
    }

    /** A CORS preflight: API Gateway answers it itself when no route matches it, else adds these headers to the route's answer. */
    public static boolean isPreflight(String method, String origin, String requestMethod) {
        return method.equals("OPTIONS") && origin != null && requestMethod != null;
    }

    /** The headers of the answer to a preflight: empty when the configuration does not allow what it asks. */
    public Map<String, String> preflight(String origin, String requestMethod, String requestHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!originAllowed(origin) || !methodAllowed(requestMethod) || !headersAllowed(requestHeaders)) {
            return headers;
        }
        headers.put("Access-Control-Allow-Origin", allowOrigin(origin));
        headers.put("Access-Control-Allow-Methods", String.join(",", configuration.allowMethods()));
        if (!configuration.allowHeaders().isEmpty()) {
            headers.put("Access-Control-Allow-Headers", String.join(",", configuration.allowHeaders()));
        }
        if (configuration.maxAge() != null) {
            headers.put("Access-Control-Max-Age", Integer.toString(configuration.maxAge()));
        }
        if (configuration.allowCredentials()) {
            headers.put("Access-Control-Allow-Credentials", "true");
        }
        return headers;
    }

    /** The headers added to a function's response to a request from {@code origin} (null: not a CORS request). */
    public Map<String, String> actual(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (origin == null || !originAllowed(origin)) {
            return headers;
        }
        headers.put("Access-Control-Allow-Origin", allowOrigin(origin));
        if (!configuration.exposeHeaders().isEmpty()) {
            headers.put("Access-Control-Expose-Headers", String.join(",", configuration.exposeHeaders()));
        }
        if (configuration.allowCredentials()) {
            headers.put("Access-Control-Allow-Credentials", "true");
        }
        return headers;
    }

    /** Whether a response header is one the gateway sets itself and so ignores from a function. */
    public static boolean isCorsHeader(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith("access-control-");
    }

    private String allowOrigin(String origin) {
        // "*" cannot go with credentials (browsers refuse it), so the origin is echoed then.
        return configuration.allowOrigins().contains("*") && !configuration.allowCredentials() ? "*" : origin;
    }

    private boolean originAllowed(String origin) {
        return configuration.allowOrigins().contains("*") || configuration.allowOrigins().contains(origin);
    }

    private boolean methodAllowed(String method) {
        return configuration.allowMethods().contains("*") || configuration.allowMethods().contains(method.trim());
    }

    private boolean headersAllowed(String requested) {
        if (requested == null || requested.isBlank() || configuration.allowHeaders().contains("*")) {
            return true;
        }
        List<String> allowed = configuration.allowHeaders().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        for (String header : requested.split(",")) {
            String name = header.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !allowed.contains(name)) {
                return false;
            }
        }
        return true;
    }
}
