package dev.skillforge.web.routes;

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
        /** A course and its outline: change only when their author edits them. */
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

    /** "GET /courses/{id}" as API Gateway names a route key. */
    public String routeKey() {
        return method + " " + path;
    }
}
