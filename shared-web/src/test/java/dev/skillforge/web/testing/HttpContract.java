package dev.skillforge.web.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.skillforge.web.routes.Route;
import dev.skillforge.web.routes.RouteTable;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Checks of the standard HTTP contract every function keeps, through the Lambda HTTP layer: HEAD answers exactly
 * what GET answers without the body, unserved methods get 405 with the whole route table's Allow, unknown paths a
 * 404 problem, and a 201 names the created resource in a Location a GET can read.
 */
public final class HttpContract {

    /** The headers a HEAD must repeat from its GET (Content-Length is compared with the GET's body). */
    private static final List<String> REPEATED = List.of("ETag", "Cache-Control", "Content-Type", "Vary", "Allow");

    private HttpContract() {
    }

    /** A request as {@code token} (null: anonymous), without a body. */
    public static RequestSpecification caller(String token) {
        RequestSpecification request = given();
        return token == null ? request : request.header("Authorization", TestTokens.bearer(token));
    }

    /**
     * HEAD {@code path} as {@code token} answers GET's status and headers with an empty body and the GET body's length;
     * when GET gives an ETag, If-None-Match with it turns both into an empty 304. Returns the GET's status.
     */
    public static int assertHeadMatchesGet(String token, String path) {
        Response get = caller(token).get(path);
        Response head = caller(token).head(path);
        assertEquals(get.statusCode(), head.statusCode(), "HEAD " + path + " status");
        for (String header : REPEATED) {
            assertEquals(joined(get.then().extract(), header), joined(head.then().extract(), header), "HEAD " + path + " " + header);
        }
        assertEquals("", head.asString(), "HEAD " + path + " has no body");
        byte[] body = get.asByteArray();
        if (body.length > 0) {
            assertEquals(Integer.toString(body.length), head.header("Content-Length"), "HEAD " + path + " Content-Length");
        }
        String etag = get.header("ETag");
        if (etag != null && get.statusCode() == 200) {
            Response notModified = caller(token).header("If-None-Match", etag).head(path);
            assertEquals(304, notModified.statusCode(), "HEAD " + path + " If-None-Match");
            assertEquals(etag, notModified.header("ETag"));
            assertEquals(304, caller(token).header("If-None-Match", etag).get(path).statusCode(), "GET " + path + " If-None-Match");
        }
        return get.statusCode();
    }

    /**
     * Fails unless {@code covered} names every GET row of {@code function}'s routes (as route keys), so a new GET route
     * cannot go without its HEAD check.
     */
    public static void assertEveryGetCovered(String function, Set<String> covered) {
        Set<String> gets = RouteTable.of(function).stream().filter(route -> route.method().equals("GET")).map(Route::routeKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(gets, new TreeSet<>(covered), function + ": every GET route needs its HEAD check");
    }

    /** A method the path does not serve: 405 method-not-allowed with {@code Allow} exactly {@code allowed}. */
    public static void assertMethodNotAllowed(String method, String path, String... allowed) {
        Response response = caller(null).request(method, path);
        Http.problem(response.then(), 405, "method-not-allowed");
        assertEquals(String.join(", ", allowed), joined(response.then().extract(), "Allow"), method + " " + path);
    }

    /** A path no route has: 404 not-found as a problem document, whatever the method. */
    public static void assertUnknownPath(String path) {
        for (String method : List.of("GET", "POST", "DELETE", "OPTIONS")) {
            Http.problem(caller(null).request(method, path).then(), 404, "not-found");
        }
        Response head = caller(null).head(path);
        assertEquals(404, head.statusCode());
        assertEquals("application/problem+json", head.contentType());
    }

    /**
     * A 201 whose Location is the created resource: its path is {@code expectedPath}, and a GET of it as
     * {@code reader} answers 200 with {@code fields} as the created body has them.
     */
    public static void assertCreatedAt(Response created, String expectedPath, String reader, String... fields) {
        assertEquals(201, created.statusCode(), "status of a create");
        String location = created.header("Location");
        assertNotNull(location, "201 without Location");
        // A relative reference: an absolute one would carry the scheme the function saw, http, behind HTTPS-only API Gateway.
        String path = location;
        assertEquals(expectedPath, path, "Location");
        Response read = caller(reader).get(path);
        assertEquals(200, read.statusCode(), "GET of the Location " + path);
        for (String field : fields) {
            Object expected = created.path(field);
            assertTrue(expected != null, "the created body has " + field);
            assertEquals(expected, read.path(field), field + " of " + path);
        }
    }

    /** A header's values as one string: the Lambda HTTP layer may hand a comma-separated header over as several. */
    private static String joined(ExtractableResponse<?> response, String header) {
        List<String> values = response.headers().getValues(header);
        return values.isEmpty() ? null : String.join(", ", values);
    }
}
