package dev.skillforge.progress.api;

import static dev.skillforge.web.testing.Http.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillforge.data.observe.Emf;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.data.testing.TestCatalog.SeededCourse;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DynaliteResource.class)
class MetricsTest {

    final List<String> emf = new CopyOnWriteArrayList<>();

    @AfterEach
    void backToStdout() {
        Emf.sendTo(System.out::println);
    }

    @Test
    void everyInvocationEndsWithAnEmfLineAndThePrometheusTextHasTheSameMeters() throws Exception {
        Emf.sendTo(emf::add);
        SeededCourse course = TestCatalog.published("alice", "Measured", "Quiz?");
        TestCatalog.enroll("sam", course.id());
        as(TestTokens.student("sam")).body(Map.of("answers", Map.of("q1", 1, "q2", 0)))
                .post("/progress/{c}/{l}/quiz", course.id(), course.lessonId(0)).then().statusCode(200);

        JsonNode line = new ObjectMapper().readTree(emf.get(emf.size() - 1));
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("SkillForge", directive.get("Namespace").asText());
        assertEquals("[[\"service\",\"route\",\"status\"]]", directive.get("Dimensions").toString());
        assertEquals("progress-service", line.get("service").asText());
        assertEquals("POST /progress/{courseId}/{lessonId}/quiz", line.get("route").asText());
        assertEquals("200", line.get("status").asText());
        assertEquals(1, line.get("RequestCount").asInt());
        assertEquals(1, line.get("QuizAttempts").asInt());
        assertEquals(1, line.get("QuizPasses").asInt());
        assertEquals(1, line.get("CourseCompletions").asInt());
        assertTrue(line.get("DynamoDbCalls").asInt() >= 3);
        assertTrue(line.get("RequestLatency").asDouble() > 0);
        assertTrue(directive.get("Metrics").toString().contains("{\"Name\":\"RequestLatency\",\"Unit\":\"Milliseconds\"}"));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("skillforge_business_quizattempts_total"))
                .body(containsString("skillforge_business_coursecompletions_total"))
                .body(containsString("skillforge_dynamodb_calls_seconds_count{operation=\"UpdateItem\",outcome=\"ok\"}"))
                .body(containsString("skillforge_http_requests_seconds_count{function=\"progress-service\","
                        + "route=\"POST /progress/{courseId}/{lessonId}/quiz\",status=\"200\"}"));
    }
}
