package dev.skillforge.web.routes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP route of the platform as API Gateway sees it: method, path template, the function that serves
 * it, and whether the gateway's JWT authorizer guards it. Functions verify tokens themselves as well.
 */
public record Route(String method, String path, String function, Access access, Caching caching) {

    public enum Access {
        /** No authorizer: anyone may call; a token, when sent, is still verified by the function. */
        PUBLIC,
        /** The JWT authorizer rejects calls without a valid token before the function runs. */
        TOKEN
    }

    /**
     * How long shared caches and browsers may keep a public read (Cache-Control), with a strong ETag for
     * revalidation. Anything read with a token, and every other route, is {@code private, no-store}.
     */
    public enum Caching {
        NONE(null),
        /** Lists and summaries that change with every new course or review: short, served stale while revalidating. */
        LIST("public, max-age=30, stale-while-revalidate=60"),
        /** A course, its outline, one review: change only when their author edits them. */
        DETAIL("public, max-age=300, stale-while-revalidate=600");

        private final String cacheControl;

        Caching(String cacheControl) {
            this.cacheControl = cacheControl;
        }

        public String cacheControl() {
            return cacheControl;
        }
    }

    /** A route that is not cached. */
    public Route(String method, String path, String function, Access access) {
        this(method, path, function, access, Caching.NONE);
    }

    /** "GET /courses/{courseId}" as API Gateway names a route key. */
    public String routeKey() {
        return method + " " + path;
    }

    /** The HEAD twin of a GET row: HTTP API route keys are per method, and HEAD answers what GET answers, without the body. */
    public Route head() {
        if (!method.equals("GET")) {
            throw new IllegalStateException("only a GET route has a HEAD twin: " + routeKey());
        }
        return new Route("HEAD", path, function, access, caching);
    }

    /**
     * The path parameters of a raw request path this route's template matches, decoded; null when it does not match.
     * A parameter matches one non-empty segment, as in API Gateway's {@code {name}} (no greedy {@code {name+}} here).
     */
    public Map<String, String> parameters(String rawPath) {
        String[] segments = rawPath.split("/", -1);
        String[] template = path.split("/", -1);
        if (template.length != segments.length) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            if (template[i].startsWith("{")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                String value = decodeSegment(segments[i]);
                if (value == null) {
                    return null;
                }
                parameters.put(template[i].substring(1, template[i].length() - 1), value);
            } else if (!template[i].equals(segments[i])) {
                return null;
            }
        }
        return parameters;
    }

    /**
     * A path segment's percent-decoding (RFC 3986): a {@code +} is a plus sign in a path, not a space as in a form, and a
     * malformed escape ({@code %zz}, a lone {@code %}) makes the segment name nothing (null: no route matches it).
     */
    static String decodeSegment(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /** Literal segments outrank parameters, left to right, as in API Gateway's route selection (/courses/search over /courses/{courseId}). */
    String specificity() {
        StringBuilder rank = new StringBuilder();
        for (String segment : path.split("/")) {
            rank.append(segment.startsWith("{") ? '0' : '1');
        }
        return rank.toString();
    }
}
