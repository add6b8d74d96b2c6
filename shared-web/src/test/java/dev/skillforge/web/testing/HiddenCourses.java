package dev.skillforge.web.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.UUID;
import java.util.function.Function;

import io.restassured.response.Response;

/**
 * What is hidden is hidden everywhere: a route that names a course (or an object in it) the caller may not see answers
 * exactly as it does for one that does not exist, so no answer tells whether it exists.
 */
public final class HiddenCourses {

    private HiddenCourses() {
    }

    /**
     * Sends {@code request} for the hidden id and for an id nothing has, and asserts the same 404 problem (status, type,
     * title, detail), without an ETag.
     */
    public static void assertAnswersAsMissing(String route, String hiddenId, Function<String, Response> request) {
        Response missing = request.apply(UUID.randomUUID().toString());
        Response hidden = request.apply(hiddenId);
        Http.problem(missing.then(), 404, "not-found");
        Http.problem(hidden.then(), 404, "not-found");
        for (String field : new String[] { "type", "title", "detail" }) {
            assertEquals(missing.jsonPath().getString(field), hidden.jsonPath().getString(field), route + ": " + field);
        }
        assertEquals(missing.contentType(), hidden.contentType(), route + ": content type");
        assertNull(hidden.header("ETag"), route + ": no ETag of a hidden object");
        assertNull(hidden.jsonPath().get("errors"), route + ": no field errors");
    }
}
