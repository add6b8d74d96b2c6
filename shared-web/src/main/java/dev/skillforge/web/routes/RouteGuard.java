package dev.skillforge.web.routes;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
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
 * the GET's; {@link HeadResponses} adds the length and the transport drops the body.
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

    /** The method the caller sent (HEAD for a HEAD run as its GET). */
    public static String method(ContainerRequestContext request) {
        Object sent = request.getProperty(METHOD);
        return sent == null ? request.getMethod() : sent.toString();
    }
}
