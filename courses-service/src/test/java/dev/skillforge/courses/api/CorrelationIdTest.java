package dev.skillforge.courses.api;

import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DynaliteResource.class)
class CorrelationIdTest {

    final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                ext.copyMdc();
                records.add(ext);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
    }

    boolean logged(String correlationId, String route, String status) {
        return records.stream().anyMatch(r -> correlationId.equals(r.getMdc("correlationId")) && route.equals(r.getMdc("route"))
                && status.equals(r.getMdc("status")) && r.getMdc("durationMs") != null);
    }

    @Test
    void theCallersCorrelationIdComesBackAndIsInTheRequestLog() {
        anonymous().header("x-correlation-id", "trace-abc.123").get("/courses/{courseId}", "nope").then().statusCode(404)
                .header("x-correlation-id", equalTo("trace-abc.123"));
        assertTrue(logged("trace-abc.123", "GET /courses/{courseId}", "404"), "request log line with the correlation id");
    }

    @Test
    void withoutOneTheRequestGetsAnIdAnywayAndTheUserIsLoggedByIdOnly() {
        String id = as(TestTokens.instructor("alice")).body(CourseApi.course("Observed", "data")).post("/courses").then().statusCode(201)
                .header("x-correlation-id", not(emptyOrNullString())).extract().header("x-correlation-id");
        assertTrue(records.stream().anyMatch(r -> id.equals(r.getMdc("correlationId")) && "alice".equals(r.getMdc("userId"))));
        assertTrue(records.stream().noneMatch(r -> String.valueOf(r.getMessage()).contains("eyJ")), "no token in any log line");
    }

    @Test
    void anUnsafeIdIsReplacedAndRefusedRequestsCarryOneToo() {
        anonymous().header("x-correlation-id", "bad id\twith spaces").get("/courses").then()
                .header("x-correlation-id", not(equalTo("bad id\twith spaces")));
        anonymous().header("x-correlation-id", "refused-1").body("{}").post("/courses").then().statusCode(401)
                .header("x-correlation-id", equalTo("refused-1"));
        assertTrue(logged("refused-1", "POST /courses", "401"));
    }
}
