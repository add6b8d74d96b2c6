package dev.skillforge.web.routes;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The answer to a HEAD is its GET's without the body (RFC 9110): {@link RouteGuard} runs the GET, and this filter
 * serializes the body once to give the Content-Length the GET would have sent; the HTTP layer does not send a body
 * for a HEAD. Runs after {@code HttpCaching} (response filters run from the highest priority value down), so a 304
 * stays without a body or a length.
 */
@Provider
@Priority(Priorities.HEADER_DECORATOR)
public class HeadResponses implements ContainerResponseFilter {

    @Inject
    ObjectMapper json;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!"HEAD".equals(request.getProperty(RouteGuard.METHOD)) || response.getEntity() == null) {
            return;
        }
        byte[] body = response.getEntity() instanceof byte[] bytes ? bytes : serialize(response.getEntity());
        response.setEntity(body);
        response.getHeaders().putSingle(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length));
    }

    private byte[] serialize(Object entity) {
        try {
            return json.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a response", e);
        }
    }
}
