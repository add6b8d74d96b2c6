package dev.skillforge.local;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The conformance check itself, on docs/openapi.json: what it lets through and what it refuses. */
class OpenApiConformanceTest {

    private final OpenApiConformance check = OpenApiConformance.of();

    private void answer(String method, String path, int status, String contentType, String body) {
        check.check(method, path, status, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLastListPageWithoutACursorIsWhatTheDocumentSays() {
        assertDoesNotThrow(() -> answer("GET", "/courses?limit=5", 200, "application/json", "{\"items\":[],\"nextCursor\":null}"));
        assertDoesNotThrow(() -> answer("GET", "/courses", 200, "application/json;charset=UTF-8", "{\"items\":[],\"nextCursor\":\"abc\"}"));
    }

    @Test
    void aBodyOfTheWrongShapeFails() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> answer("GET", "/courses", 200, "application/json", "{\"items\":\"none\",\"nextCursor\":null}"));
        assertTrue(error.getMessage().contains("GET /courses -> 200"), error.getMessage());
        assertThrows(AssertionError.class, () -> answer("GET", "/courses", 200, "application/json", "{\"nextCursor\":null}"));
    }

    @Test
    void anUndocumentedStatusFails() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> answer("GET", "/courses/c-1", 418, "application/problem+json", "{\"type\":\"/problems/teapot\",\"title\":\"x\",\"status\":418}"));
        assertTrue(error.getMessage().contains("does not list"), error.getMessage());
    }

    @Test
    void theMostSpecificTemplateDecides() {
        // /courses/search is its own operation (not /courses/{courseId}), which answers no 404.
        assertThrows(AssertionError.class, () -> answer("GET", "/courses/search?q=x", 404, "application/problem+json",
                "{\"type\":\"/problems/not-found\",\"title\":\"Not Found\",\"status\":404}"));
        assertDoesNotThrow(() -> answer("GET", "/courses/c-1", 404, "application/problem+json",
                "{\"type\":\"/problems/not-found\",\"title\":\"Not Found\",\"status\":404}"));
    }

    @Test
    void errorsAreProblemDocuments() {
        assertThrows(AssertionError.class, () -> answer("GET", "/courses/c-1", 404, "application/json", "{\"message\":\"missing\"}"));
        assertThrows(AssertionError.class, () -> answer("GET", "/nothing/here", 404, "text/html", "<html></html>"));
        assertDoesNotThrow(() -> answer("GET", "/nothing/here", 404, "application/problem+json",
                "{\"type\":\"/problems/not-found\",\"title\":\"Not Found\",\"status\":404}"));
        assertDoesNotThrow(() -> answer("PATCH", "/courses", 405, "application/problem+json",
                "{\"type\":\"/problems/method-not-allowed\",\"title\":\"Method Not Allowed\",\"status\":405}"));
        assertThrows(AssertionError.class, () -> answer("PATCH", "/courses", 404, "application/problem+json",
                "{\"type\":\"/problems/not-found\",\"title\":\"Not Found\",\"status\":404}"));
    }

    @Test
    void headAndNotModifiedCarryNoBody() {
        assertDoesNotThrow(() -> answer("HEAD", "/courses", 200, "application/json", null));
        assertThrows(AssertionError.class, () -> answer("GET", "/courses", 200, "application/json", ""));
    }

    @Test
    void theRouteIsChosenAmongThoseServedWithTheMethod() {
        // PUT /courses/search is PUT /courses/{courseId} to API Gateway: its authorizer answers 401 without a token.
        assertDoesNotThrow(() -> answer("PUT", "/courses/search", 401, "application/json", "{\"message\":\"Unauthorized\"}"));
        // No GET is served on .../lessons/order, so a GET there reads the lesson named "order".
        assertDoesNotThrow(() -> answer("GET", "/courses/c-1/lessons/order", 404, "application/problem+json",
                "{\"type\":\"/problems/not-found\",\"title\":\"Not Found\",\"status\":404}"));
    }

    @Test
    void formatsAreAsserted() {
        String course = "{\"id\":\"c-1\",\"title\":\"T\",\"instructorId\":\"u\",\"status\":\"published\",\"version\":1,"
                + "\"createdAt\":\"%s\",\"updatedAt\":\"2026-12-03T10:00:00Z\"}";
        assertDoesNotThrow(() -> answer("GET", "/courses/c-1", 200, "application/json", course.formatted("2026-12-03T10:00:00Z")));
        assertThrows(AssertionError.class, () -> answer("GET", "/courses/c-1", 200, "application/json", course.formatted("not a date")));
    }

    @Test
    void aProblemNamesATypeItsStatusCarries() {
        assertThrows(AssertionError.class, () -> answer("GET", "/courses/c-1", 404, "application/problem+json",
                "{\"type\":\"/problems/forbidden\",\"title\":\"Not Found\",\"status\":404}"));
        assertThrows(AssertionError.class, () -> answer("GET", "/courses/c-1", 404, "application/problem+json",
                "{\"type\":\"/problems/not-found\",\"title\":\"Not Found\",\"status\":500}"));
    }

    @Test
    void mismatchesTheGatewayReportsAreKeptAndReportedOnce() {
        check.answered("GET", "/courses", 418, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertTrue(check.unreported().size() == 1);
        assertTrue(check.unreported().isEmpty());
    }

    /** A parameter at one place of the API has one name: whatever follows /courses/ is {courseId} in every template. */
    @Test
    void everyPathParameterHasOneName() throws Exception {
        com.fasterxml.jackson.databind.JsonNode document = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(TestClouds.root().resolve("docs/openapi.json").toFile());
        java.util.Map<String, java.util.Set<String>> names = new java.util.TreeMap<>();
        document.path("paths").fieldNames().forEachRemaining(template -> {
            String[] segments = template.split("/");
            StringBuilder place = new StringBuilder();
            for (String segment : segments) {
                if (segment.startsWith("{")) {
                    names.computeIfAbsent(place + "/{}", p -> new java.util.TreeSet<>()).add(segment);
                    place.append("/{}");
                } else if (!segment.isEmpty()) {
                    place.append('/').append(segment);
                }
            }
        });
        java.util.Map<String, java.util.Set<String>> ambiguous = new java.util.TreeMap<>(names);
        ambiguous.values().removeIf(set -> set.size() == 1);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Map.of(), ambiguous, "path parameters named differently at one place");
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of("{courseId}"), names.get("/courses/{}"));
    }

    /** The problem types each status carries: docs/problems.md's table and the document's error answers name the same. */
    @Test
    void everyErrorNamesItsProblemTypesAsProblemsMdDoes() throws Exception {
        java.util.Set<String> documented = new java.util.TreeSet<>();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| (\\d{3}) \\| `(/problems/[a-z-]+)` \\|")
                .matcher(java.nio.file.Files.readString(TestClouds.root().resolve("docs/problems.md")));
        while (row.find()) {
            documented.add(row.group(1) + " " + row.group(2));
        }
        java.util.Set<String> stated = new java.util.TreeSet<>();
        com.fasterxml.jackson.databind.JsonNode document = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(TestClouds.root().resolve("docs/openapi.json").toFile());
        java.util.List<String> untyped = new java.util.ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation ->
                operation.getValue().path("responses").fields().forEachRemaining(answer -> {
                    com.fasterxml.jackson.databind.JsonNode problem = answer.getValue().path("content").path("application/problem+json");
                    if (problem.isMissingNode()) {
                        return;
                    }
                    com.fasterxml.jackson.databind.JsonNode types = problem.path("schema").path("allOf").path(1).path("properties")
                            .path("type").path("enum");
                    if (types.isEmpty()) {
                        untyped.add(operation.getKey() + " " + path.getKey() + " " + answer.getKey());
                    }
                    types.forEach(type -> stated.add(answer.getKey() + " " + type.asText()));
                })));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), untyped, "error answers without their problem types");
        org.junit.jupiter.api.Assertions.assertEquals(documented, stated);
    }
}
