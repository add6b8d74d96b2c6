package dev.skillforge.web.routes;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * A 201 whose Location is the created resource's path, as a relative reference (RFC 9110 section 10.2.2 allows one).
 * JAX-RS's {@code Response.created} makes the URI absolute from the request it sees, and behind API Gateway the function
 * sees a plain-HTTP request, so its absolute form would name {@code http://} on an HTTPS-only API. The HTTP API serves
 * from its {@code $default} stage at the root of its host, so the path needs no prefix; a custom domain that maps the
 * API under a base path (say {@code /v1}) would need that prefix here too.
 */
public final class Created {

    private Created() {
    }

    public static Response.ResponseBuilder at(String path) {
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, path);
    }
}
