package dev.skillforge.web.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillforge.data.problem.FieldError;
import dev.skillforge.web.validation.StrictJson;

/** The rows of docs/problems.md that no HTTP test reaches on purpose: a bug (500), and the JSON messages' independence from Jackson's. */
class ProblemMappersTest {

    record Sample(String title, Integer count) {
    }

    @Test
    void aBugIsA500WithoutDetails() {
        Response response = new ProblemMappers().unexpected(new IllegalStateException("secret table skillforge-prod, key COURSE#1"), null);
        Problem problem = (Problem) response.getEntity();
        assertEquals(500, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertEquals("/problems/internal", problem.type());
        assertEquals("Something went wrong on our side.", problem.detail());
        assertFalse(problem.toString().contains("secret"));
    }

    @Test
    void jsonFailuresAreDescribedInTheApisOwnWords() {
        ObjectMapper strict = new ObjectMapper();
        new StrictJson().customize(strict);
        assertEquals(new FieldError("count", "must be a whole number"), failure(strict, "{\"count\": 2.5}"));
        assertEquals(new FieldError("title", "must be a string"), failure(strict, "{\"title\": 42}"));
        assertEquals(new FieldError("count", "is out of range"), failure(strict, "{\"count\": 3000000000}"));
        assertEquals(new FieldError("title", "appears more than once"), failure(strict, "{\"title\": \"a\", \"title\": \"a\"}"));
        assertEquals(new FieldError("body", "must be one JSON value with nothing after it"), failure(strict, "{} {}"));
        assertEquals(new FieldError("body", "must be one JSON value with nothing after it"), failure(strict, "{} ]"));
        assertEquals(new FieldError("body", "must be a JSON object"), failure(strict, "[]"));
        assertEquals(new FieldError("body", "is not valid JSON"), failure(strict, "{\"title\": tru}"));
        assertEquals(new FieldError("body", "is not valid JSON"), failure(strict, "{\"title\": \"a\""));
        assertEquals(new FieldError("body", "holds a value too long or nested too deeply"), failure(strict, "{\"count\": " + "9".repeat(1001) + "}"));
    }

    private static FieldError failure(ObjectMapper mapper, String json) {
        try {
            mapper.readValue(json, Sample.class);
        } catch (JsonProcessingException failure) {
            return UnreadableJson.describe(failure);
        }
        throw new AssertionError("read without failure: " + json);
    }
}
