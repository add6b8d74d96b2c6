package dev.skillforge.web.routes;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.skillforge.data.problem.MethodNotAllowed;
import dev.skillforge.data.problem.NotFound;

/**
 * Answers, before any resource is matched, what no route of the whole {@link RouteTable} serves: API Gateway's
 * {@code $default} route sends such requests to {@link RouteTable#UNMATCHED}, and every function answers them alike.
 * An unknown path is a 404 problem; a known path with a method no route serves is a 405 problem whose {@code Allow}
 * lists the methods the table serves there, whichever function serves them (JAX-RS alone would list only this
 * function's, or answer OPTIONS itself). A HEAD is run as its GET, so status, ETag, Cache-Control and Content-Type are
 * the GET's; {@link HeadResponses} adds the length and the transport drops the body. A CORS preflight is answered 204
 * here, on any path, for API Gateway to add the CORS headers its configuration allows.
 */
@Provider
@PreMatching
public class RouteGuard implements ContainerRequestFilter {

    /** The method the request came with: a HEAD is "GET" for everything after this filter. */
    public static final String METHOD = "skillforge.method";

    @ConfigProperty(name = "quarkus.application.name")
    String function;

    @Override
    public void filter(ContainerRequestContext request) {
        String method = request.getMethod();
        String path = request.getUriInfo().getRequestUri().getRawPath();
        request.setProperty(METHOD, method);
        if (isPreflight(request)) {
            // API Gateway answers a preflight itself only when no route matches it, and $default matches everything: the
            // preflight reaches a function, which answers 204 and API Gateway adds the stack's configured CORS headers.
            request.abortWith(Response.noContent().build());
            return;
        }
        if (hasNoContent(request)) {
            // No content has no media type (RFC 9110 8.3): a body-less POST that names one is matched as sent without.
            request.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        }
        Optional<RouteTable.Match> match = RouteTable.match(method, path);
        if (match.isEmpty()) {
            List<String> allowed = RouteTable.allowedMethods(path);
            throw allowed.isEmpty() ? new NotFound("There is no resource at this path.") : new MethodNotAllowed(allowed);
        }
        if (!match.get().route().function().equals(function)) {
            // API Gateway sends another function's route key to that function, never here.
            throw new NotFound("There is no resource at this path.");
        }
        if (method.equals("HEAD")) {
            request.setMethod("GET");
        }
    }

    /**
     * A request without content: Content-Length 0, or neither a length nor a transfer coding (RFC 9112 6.3). The Lambda
     * HTTP layer marks every event that has a body as chunked, so a body is never taken for none.
     */
    static boolean hasNoContent(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return "0".equals(length) || (length == null && request.getHeaderString("Transfer-Encoding") == null);
    }

    /** A CORS preflight (Fetch standard): OPTIONS with an Origin and the method the page means to send. */
    static boolean isPreflight(ContainerRequestContext request) {
        return request.getMethod().equals("OPTIONS") && request.getHeaderString("Origin") != null
                && request.getHeaderString("Access-Control-Request-Method") != null;
    }

    /** The method the caller sent (HEAD for a HEAD run as its GET). */
    public static String method(ContainerRequestContext request) {
        Object sent = request.getProperty(METHOD);
        return sent == null ? request.getMethod() : sent.toString();
    }
}
