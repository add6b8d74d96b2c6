package dev.skillforge.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.enrollment.Enrollment;
import dev.skillforge.data.enrollment.EnrollmentCodec;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.progress.ProgressKeys;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.StreamCapture;
import dev.skillforge.data.testing.TestTable;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Deleting a course with 20,000 enrollments (-Dcascade.enrollments) and a progress item for each: the delete's record
 * only starts the cascade; its job then goes step by step, each step started by the stream record of the previous
 * step's checkpoint (fed back here as the stream would), one page of enrollments per step. Midway a step's checkpoint
 * write fails after all its deletes (the invocation reports the record, which is delivered again), and another step
 * fails halfway through its deletes (retried through the job): the cascade resumes from its checkpoint and deletes
 * everything, nothing of other courses.
 * Step times and counts go to target/cascade-steps.txt; nothing here asserts on time.
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class CourseCascadeTest {

    @AfterEach
    void quiet() {
        TestDynamoDbHooks.reset();
    }

    @Test
    void aCourseWithTwentyThousandLearnersIsDeletedInBoundedStepsAndACrashResumes() throws IOException {
        int learners = Integer.getInteger("cascade.enrollments", 20_000);
        SkillForgeTable seeding = TestTable.table();
        Instant t = Instant.parse("2026-06-01T00:00:00Z");
        Course draft = new Course("big", "alice", "Big course", null, "data", List.of(), "beginner", null, CourseStatus.DRAFT, 1, t, t,
                "alice", null);
        new CourseRepository(seeding).create(draft);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < learners; i++) {
            String userId = String.format("learner-%05d", i);
            items.add(EnrollmentCodec.toItem(new Enrollment(userId, "big", t.plusSeconds(i), null, userId)));
            items.add(ItemWriter.of(ProgressKeys.legacyLesson(userId, "big", "lesson-1"), ProgressKeys.ENTITY, 1)
                    .put("userId", userId).put("courseId", "big").put("lessonId", "lesson-1").put("completedAt", t).build());
        }
        items.add(EnrollmentCodec.toItem(new Enrollment("learner-00000", "other", t, null, "learner-00000")));
        long seeded = System.nanoTime();
        seeding.batchWrite(items, List.of());
        System.out.printf("seeded %d items in %d ms%n", items.size(), (System.nanoTime() - seeded) / 1_000_000);

        StreamCapture capture = StreamCapture.start();
        new CourseRepository(capture.table()).delete("big", 1, "admin-1");
        TestDynamoDbHooks.capture = true;
        TestDynamoDbHooks.capturePartitionPrefix = "cascade#";
        assertEquals(List.of(), Lambda.failures(Lambda.deliver(capture.records())), "the delete only starts the job");

        List<String> steps = new ArrayList<>();
        int deliveries = 0;
        boolean crashed = false;
        boolean failed = false;
        int reported = 0;
        long started = System.nanoTime();
        List<ObjectNode> pending = StreamCapture.GLOBAL.drain();
        while (!pending.isEmpty()) {
            assertTrue(++deliveries < 200, "the cascade keeps moving");
            if (deliveries == 6 && !crashed) {
                // The job read, the page, 1,000 progress queries and the 80 batch deletes go through; the checkpoint write
                // fails, and nothing in the step catches that: the invocation reports the record failed, as a crash or a
                // timeout after the deletes would leave it, and the same record comes again.
                TestDynamoDbHooks.failOnCall.set(1_082);
                crashed = true;
            } else if (deliveries == 12 && !failed) {
                // Halfway through a step's deletes a call fails (the SDK's retries used up): the step records the failure
                // on the job, whose write brings the step round again.
                TestDynamoDbHooks.failOnCall.set(1_042);
                failed = true;
            }
            long stepStart = System.nanoTime();
            Response response = Lambda.deliver(pending);
            long ms = (System.nanoTime() - stepStart) / 1_000_000;
            Map<String, AttributeValue> job = TestTable.get("cascade#big", "job");
            steps.add(String.format("delivery %3d: %5d ms, status %d, job step %s phase %s attempts %s enrollments %s progress %s", deliveries,
                    ms, response.statusCode(), n(job, "step"), job.get("phase").s(), n(job, "attempts"), n(job, "enrollmentsDeleted"),
                    n(job, "progressDeleted")));
            if (response.statusCode() != 200 || !Lambda.failures(response).isEmpty()) {
                // The invocation failed: Lambda delivers the same records again.
                reported++;
                StreamCapture.GLOBAL.drain();
                continue;
            }
            pending = StreamCapture.GLOBAL.drain();
        }
        long total = (System.nanoTime() - started) / 1_000_000;
        steps.add("total " + total + " ms for " + learners + " enrollments");
        Path out = Path.of("target", "cascade-steps.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, steps);
        steps.forEach(System.out::println);

        Map<String, AttributeValue> job = TestTable.get("cascade#big", "job");
        assertEquals("done", job.get("state").s());
        // Counted per completed step: what each of the two failed attempts deleted before it failed is gone but not counted.
        long counted = Long.parseLong(n(job, "enrollmentsDeleted"));
        assertTrue(counted <= learners && counted >= learners - 2 * 1_000, "counted " + counted);
        assertTrue(crashed && failed);
        assertEquals(1, reported, "the failed checkpoint write was reported and the record delivered again");
        assertTrue(steps.stream().anyMatch(step -> step.contains("attempts 1")), "the failed step was counted on the job");
        Map<String, Integer> left = new HashMap<>();
        TestTable.client().scanPaginator(b -> b.tableName(TestTable.NAME)).items().forEach(item -> {
            AttributeValue courseId = item.get("courseId");
            if (courseId != null && "big".equals(courseId.s()) && item.get("entity") != null
                    && List.of("enrollment", "progress", "course").contains(item.get("entity").s())) {
                left.merge(item.get("entity").s(), 1, Integer::sum);
            }
        });
        assertEquals(Map.of(), left, "nothing of the course is left");
        assertTrue(new dev.skillforge.data.enrollment.EnrollmentRepository(TestTable.table()).find("learner-00000", "other").isPresent());
    }

    private static String n(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? "-" : value.n();
    }
}
