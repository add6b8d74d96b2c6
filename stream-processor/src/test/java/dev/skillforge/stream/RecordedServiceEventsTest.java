package dev.skillforge.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillforge.data.aggregate.CourseStats;
import dev.skillforge.data.aggregate.CourseStatsRepository;
import dev.skillforge.data.audit.AuditEntry;
import dev.skillforge.data.audit.AuditRepository;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.testing.DynaliteResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The stream that reviews-service's HTTP writes produced (recorded by its ReviewStreamFixtureTest), fed to the handler. */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class RecordedServiceEventsTest {

    @Inject
    CourseStatsRepository stats;

    @Inject
    AuditRepository audit;

    @Test
    void reviewsWrittenThroughTheApiAggregateExactlyAndAreAudited() throws Exception {
        JsonNode event;
        try (InputStream in = getClass().getResourceAsStream("/events/reviews-service-writes.json")) {
            event = new ObjectMapper().readTree(in);
        }
        String courseId = event.get("Records").get(0).get("dynamodb").get("NewImage").get("courseId").get("S").asText();
        // The course the reviews were written for (the processor counts nothing for a course that is gone).
        java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");
        new dev.skillforge.data.course.CourseRepository(dev.skillforge.data.testing.TestTable.table()).create(new dev.skillforge.data.course.Course(
                courseId, "alice", "Recorded", null, "data", List.of(), "beginner", null, dev.skillforge.data.course.CourseStatus.DRAFT, 1,
                t, t, "alice", null));

        assertEquals(List.of(), Lambda.failures(Lambda.invoke(event)));
        assertEquals(List.of(), Lambda.failures(Lambda.invoke(event)), "a replay of the whole batch");

        CourseStats s = stats.find(courseId);
        assertEquals(1, s.reviewCount());
        assertEquals(5, s.ratingSum());
        assertEquals(List.of(0L, 0L, 0L, 0L, 1L), s.histogram());

        List<AuditEntry> sams = audit.ofObject("review", courseId + ":sam", PageRequest.first(10)).items();
        assertEquals(List.of("updated", "created"), sams.stream().map(AuditEntry::action).toList());
        List<AuditEntry> pats = audit.ofObject("review", courseId + ":pat", PageRequest.first(10)).items();
        assertEquals(List.of("deleted", "created"), pats.stream().map(AuditEntry::action).toList());
        assertEquals("root", pats.get(0).actor());
    }
}
