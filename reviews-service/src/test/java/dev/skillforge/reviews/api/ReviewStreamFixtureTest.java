package dev.skillforge.reviews.api;

import static dev.skillforge.web.testing.Http.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.testing.Dynalite;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.StreamCapture;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.data.testing.TestCatalog.SeededCourse;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Records the stream this service's HTTP writes would produce (review created, edited 2 -> 5, a second review,
 * one deleted by an admin) into stream-processor/src/test/resources/events/reviews-service-writes.json, which the
 * stream-processor's tests feed to its Lambda handler. The recorded shape is checked on every run; rewrite the file
 * with -Dfixtures.write=true.
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class ReviewStreamFixtureTest {

    static final Path FIXTURE = Dynalite.home().getParent().getParent()
            .resolve("stream-processor/src/test/resources/events/reviews-service-writes.json");

    @Test
    void recordsTheStreamOfRealReviewWrites() throws Exception {
        SeededCourse course = TestCatalog.published("alice", "Streamed", "One");
        TestCatalog.enroll("sam", course.id());
        TestCatalog.enroll("pat", course.id());
        StreamCapture.GLOBAL.drain();

        as(TestTokens.student("sam")).body(Map.of("rating", 2, "title", "Meh")).post("/reviews/{c}", course.id()).then().statusCode(201);
        as(TestTokens.student("sam")).body(Map.of("rating", 5, "title", "Great after all", "version", 1)).put("/reviews/{c}", course.id())
                .then().statusCode(200);
        as(TestTokens.student("pat")).body(Map.of("rating", 4)).post("/reviews/{c}", course.id()).then().statusCode(201);
        as(TestTokens.student("pat")).body(Map.of("rating", 1)).put("/reviews/{c}", course.id()).then().statusCode(400);
        as(TestTokens.admin("root")).delete("/reviews/{c}/{u}", course.id(), "pat").then().statusCode(204);

        List<ObjectNode> records = StreamCapture.GLOBAL.drain();
        List<String> shape = records.stream().map(ReviewStreamFixtureTest::shape).toList();
        assertEquals(List.of("INSERT review", "MODIFY review", "INSERT review", "MODIFY review", "REMOVE review"), shape);

        ObjectMapper json = new ObjectMapper();
        if (Boolean.getBoolean("fixtures.write") || !Files.exists(FIXTURE)) {
            Files.writeString(FIXTURE, json.writerWithDefaultPrettyPrinter().writeValueAsString(StreamCapture.event(records)) + "\n");
        }
        JsonNode stored = json.readTree(FIXTURE.toFile()).get("Records");
        List<String> storedShape = new java.util.ArrayList<>();
        stored.forEach(r -> storedShape.add(shape(r)));
        assertEquals(shape, storedShape, "the recorded fixture is stale: rerun with -Dfixtures.write=true");
    }

    private static String shape(JsonNode record) {
        JsonNode data = record.get("dynamodb");
        JsonNode image = data.has("NewImage") ? data.get("NewImage") : data.get("OldImage");
        return record.get("eventName").asText() + " " + image.get("entity").get("S").asText();
    }
}
