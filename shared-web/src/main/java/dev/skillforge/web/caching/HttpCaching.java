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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillforge.data.paging.Page;
import dev.skillforge.data.problem.InvalidInput;
import dev.skillforge.web.observe.RequestLog;
import dev.skillforge.web.preconditions.IfMatch;
import dev.skillforge.web.problem.Problem;
import dev.skillforge.web.routes.Route;
import dev.skillforge.web.routes.RouteTable;

/**
 * HTTP caching of the public reads the route table marks as cacheable: Cache-Control from the route's policy,
 * {@code Vary: Authorization, Origin}, and a strong ETag (the one the resource set, such as a course's version, else a hash
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
            // A personal read with a version tag (an author's course) still revalidates: RFC 9110 wants a 304 for a match.
            Object tag = response.getHeaders().getFirst(HttpHeaders.ETAG);
            if (request.getMethod().equals("GET") && response.getStatus() == 200) {
                notModifiedIfMatching(request, response, tag == null ? null : tag.toString());
            }
            return;
        }
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, policy.cacheControl());
        // Origin too: API Gateway adds Access-Control-Allow-Origin only to a request from an allowed origin, so an answer
        // stored for one request must not be reused for a request from another origin, or without one.
        response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION + ", Origin");
        Object given = response.getHeaders().getFirst(HttpHeaders.ETAG);
        String etag;
        if (given != null) {
            etag = given.toString();
        } else {
            // Serialized once, here: the bytes are sent, and hashed unless they carry a cursor.
            Object entity = response.getEntity();
            byte[] body = json(entity);
            etag = tagOf(entity instanceof Page<?> page ? pageContent(page) : body);
            response.setEntity(body);
        }
        response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
        notModifiedIfMatching(request, response, etag);
    }

    /**
     * What a page's tag is made of: its items and whether more follow. Its cursor is sealed with a fresh nonce on every
     * answer, so hashing it would give the same page a new tag each time (no 304, and a 412 for the tag just received).
     */
    private byte[] pageContent(Page<?> page) {
        byte[] items = json(page.items());
        byte[] withMore = Arrays.copyOf(items, items.length + 1);
        withMore[items.length] = (byte) (page.nextCursor() == null ? '.' : '+');
        return withMore;
    }

    /**
     * The read's preconditions in RFC 9110's order (section 13.2.2): an If-Match that names no current tag is a 412 (the
     * read is not performed, for a client that reads only the version it holds; an answer without a tag matches only
     * {@code *}), then a matching If-None-Match a 304.
     */
    private static void notModifiedIfMatching(ContainerRequestContext request, ContainerResponseContext response, String etag) {
        String ifMatch = request.getHeaderString(HttpHeaders.IF_MATCH);
        if (ifMatch != null) {
            IfMatch condition;
            try {
                condition = IfMatch.parse(ifMatch);
            } catch (InvalidInput malformed) {
                replaceWithProblem(request, response, new Problem(Problem.TYPE_PREFIX + "validation", "Invalid request", 400,
                        "The If-Match header is not valid.", instance(request), malformed.errors()));
                return;
            }
            if (!condition.matchesTag(etag)) {
                replaceWithProblem(request, response, new Problem(Problem.TYPE_PREFIX + "stale-version", "Version is not current", 412,
                        etag == null ? "This resource has no version to match: only If-Match: * goes ahead."
                                : "If-Match names no current version of this resource (weak tags never match); its ETag is now " + etag + ".",
                        instance(request), null));
                return;
            }
        }
        if (etag != null && matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatus(304);
            response.setEntity(null);
            response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        }
    }

    /** An error instead of the read: problem+json, never stored by a cache; the current ETag stays for a 412. */
    private static void replaceWithProblem(ContainerRequestContext request, ContainerResponseContext response, Problem problem) {
        response.setStatus(problem.status());
        response.setEntity(problem, null, MediaType.valueOf(Problem.MEDIA_TYPE));
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        response.getHeaders().remove(HttpHeaders.VARY);
        if (problem.status() != 412) {
            response.getHeaders().remove(HttpHeaders.ETAG);
        }
    }

    private static String instance(ContainerRequestContext request) {
        return "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
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
