package dev.skillforge.web.caching;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillforge.web.observe.RequestLog;
import dev.skillforge.web.routes.Route;
import dev.skillforge.web.routes.RouteTable;

/**
 * HTTP caching of the public reads the route table marks as cacheable: Cache-Control from the route's policy,
 * {@code Vary: Authorization}, and a strong ETag (the one the resource set, such as a course's version, else a hash
 * of the JSON it answers). A matching If-None-Match turns the answer into a 304 without a body; the route has read
 * what it always reads, only the transfer is saved. Reads made with a token may be personal (an enrolled student's
 * lessons, an author's draft) and are {@code private, no-store}, as are errors and every other route.
 */
@Provider
public class HttpCaching implements ContainerResponseFilter {

    static final String PERSONAL = "private, no-store";

    @Context
    ResourceInfo resource;

    @Inject
    ObjectMapper json;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            return;
        }
        Route.Caching policy = caching(request);
        boolean cacheable = request.getMethod().equals("GET") && response.getStatus() == 200 && policy != Route.Caching.NONE
                && request.getHeaderString(HttpHeaders.AUTHORIZATION) == null;
        if (!cacheable) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, response.getStatus() < 400 ? PERSONAL : "no-store");
            return;
        }
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, policy.cacheControl());
        response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION);
        Object given = response.getHeaders().getFirst(HttpHeaders.ETAG);
        String etag;
        if (given != null) {
            etag = given.toString();
        } else {
            // Serialized once, here: the bytes are both hashed and sent, so JSON is not written twice.
            byte[] body = json(response.getEntity());
            etag = tagOf(body);
            response.setEntity(body);
        }
        response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
        if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatus(304);
            response.setEntity(null);
            response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        }
    }

    private Route.Caching caching(ContainerRequestContext request) {
        return RouteTable.find(request.getMethod(), RequestLog.route(resource)).map(Route::caching).orElse(Route.Caching.NONE);
    }

    /** The strong validator of a JSON body: the same bytes give the same tag. */
    private static String tagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private byte[] json(Object entity) {
        try {
            return entity == null ? new byte[0] : json.writeValueAsBytes(entity);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a response", e);
        }
    }

    /** If-None-Match uses the weak comparison: W/ prefixes are ignored; "*" matches any current answer. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String current = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(current)) {
                return true;
            }
        }
        return false;
    }
}
