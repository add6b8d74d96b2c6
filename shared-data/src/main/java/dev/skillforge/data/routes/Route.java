package dev.skillforge.data.routes;

/**
 * One HTTP route of the platform as API Gateway sees it: method, path template, the function that serves
 * it, and whether the gateway's JWT authorizer guards it. Functions verify tokens themselves as well.
 */
public record Route(String method, String path, String function, Access access) {

    public enum Access {
        /** No authorizer: anyone may call; a token, when sent, is still verified by the function. */
        PUBLIC,
        /** The JWT authorizer rejects calls without a valid token before the function runs. */
        TOKEN
    }

    /** "GET /courses/{id}" as API Gateway names a route key. */
    public String routeKey() {
        return method + " " + path;
    }
}
