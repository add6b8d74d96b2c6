package dev.skillforge.enrollments.api;

import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.data.testing.TestCatalog.SeededCourse;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(DynaliteResource.class)
class EnrollmentResourceTest {

    static final String SAM = TestTokens.student("sam");
    static final String ALICE = TestTokens.instructor("alice");
    static final String ADMIN = TestTokens.admin("root");

    @Test
    void anySignedInUserEnrollsInAPublishedCourseOnceAndEnrollingAgainAnswersTheEnrollment() {
        SeededCourse course = TestCatalog.published("alice", "Enrollable", "One");
        String enrolledAt = as(SAM).post("/enroll/{id}", course.id()).then().statusCode(201)
                .body("courseId", equalTo(course.id()))
                .body("enrolledAt", notNullValue())
                .body("course.title", equalTo("Enrollable"))
                .extract().path("enrolledAt");
        as(SAM).post("/enroll/{id}", course.id()).then().statusCode(200)
                .header("Location", nullValue())
                .body("courseId", equalTo(course.id()))
                .body("enrolledAt", equalTo(enrolledAt))
                .body("course.title", equalTo("Enrollable"));
        as(SAM).get("/me/enrollments").then().body("items.size()", equalTo(1));
        as(ALICE).post("/enroll/{id}", course.id()).then().statusCode(201);
    }

    @Test
    void aSecondEnrollNeverOverwritesACompletion() {
        SeededCourse course = TestCatalog.published("alice", "Completed once", "One");
        as(SAM).post("/enroll/{id}", course.id()).then().statusCode(201);
        new EnrollmentRepository(TestTable.table()).markCompleted("sam", course.id(), java.time.Instant.parse("2026-01-01T00:00:00Z"));
        as(SAM).post("/enroll/{id}", course.id()).then().statusCode(200).body("completedAt", equalTo("2026-01-01T00:00:00Z"));
        as(SAM).get("/me/enrollments").then().body("items[0].completedAt", equalTo("2026-01-01T00:00:00Z"));
    }

    @Test
    void anEnrollRetriedWithItsIdempotencyKeyReplaysTheFirstAnswer() {
        SeededCourse course = TestCatalog.published("alice", "Retried", "One");
        Response first = as(SAM).header("Idempotency-Key", "enroll-1").post("/enroll/{id}", course.id());
        first.then().statusCode(201).header("Idempotency-Replayed", nullValue());
        Response retry = as(SAM).header("Idempotency-Key", "enroll-1").post("/enroll/{id}", course.id());
        retry.then().statusCode(201).header("Idempotency-Replayed", equalTo("true"));
        assertEquals(first.asString(), retry.asString());
        assertEquals(first.header("Location"), retry.header("Location"));
    }

    @Test
    void draftUnknownAndUnpublishedCoursesCannotBeJoined() {
        SeededCourse draft = TestCatalog.course("alice", CourseStatus.DRAFT, "Draft", "One");
        SeededCourse withdrawn = TestCatalog.course("alice", CourseStatus.UNPUBLISHED, "Withdrawn", "One");
        problem(as(SAM).post("/enroll/{id}", draft.id()).then(), 404, "not-found");
        problem(as(SAM).post("/enroll/{id}", "no-such-course").then(), 404, "not-found");
        problem(as(SAM).post("/enroll/{id}", "bad#id").then(), 404, "not-found");
        // hidden from a learner who is not in it: as if it did not exist; its owner sees it, closed
        problem(as(SAM).post("/enroll/{id}", withdrawn.id()).then(), 404, "not-found");
        problem(as(ALICE).post("/enroll/{id}", withdrawn.id()).then(), 409, "invalid-state")
                .body("detail", containsString("not open for enrollment"));
        problem(as(ALICE).post("/enroll/{id}", draft.id()).then(), 409, "invalid-state");
        as(SAM).get("/me/enrollments").then().body("items.size()", equalTo(0));
    }

    @Test
    void enrollingNeedsAToken() {
        SeededCourse course = TestCatalog.published("alice", "Needs token", "One");
        problem(anonymous().post("/enroll/{id}", course.id()).then(), 401, "unauthorized");
        problem(anonymous().get("/me/enrollments").then(), 401, "unauthorized");
        problem(as(TestTokens.user("sam").roles("student").expiresAt(java.time.Instant.now().minusSeconds(600)).sign())
                .post("/enroll/{id}", course.id()).then(), 401, "unauthorized");
    }

    @Test
    void myEnrollmentsArePagedWithCourseCardsAndSkipDeletedCourses() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            SeededCourse course = TestCatalog.published("alice", "Course " + i, "One");
            as(SAM).post("/enroll/{id}", course.id()).then().statusCode(201);
            ids.add(course.id());
        }
        TestTable.client().deleteItem(b -> b.tableName(TestTable.NAME)
                .key(dev.skillforge.data.course.CourseKeys.primary(ids.get(0)).toAttributes()));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Response page = cursor == null ? as(SAM).queryParam("limit", 2).get("/me/enrollments")
                    : as(SAM).queryParam("limit", 2).queryParam("cursor", cursor).get("/me/enrollments");
            page.then().statusCode(200).body("items.course.title", not(hasItem(nullValue())));
            seen.addAll(page.jsonPath().getList("items.courseId", String.class));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);
        assertEquals(4, seen.size());
        assertEquals(ids.subList(1, 5).stream().sorted().toList(), seen.stream().sorted().toList());
    }

    @Test
    void anotherUsersCursorIsRejected() {
        for (int i = 0; i < 3; i++) {
            as(SAM).post("/enroll/{id}", TestCatalog.published("alice", "C" + i, "One").id()).then().statusCode(201);
        }
        String samsCursor = as(SAM).queryParam("limit", 1).get("/me/enrollments").jsonPath().getString("nextCursor");
        problem(as(TestTokens.student("mallory")).queryParam("cursor", samsCursor).get("/me/enrollments").then(), 400, "invalid-cursor");
    }

    @Test
    void usersLeaveTheirOwnCoursesAndAdminsRemoveAnyone() {
        SeededCourse course = TestCatalog.published("alice", "Leavable", "One");
        as(SAM).post("/enroll/{id}", course.id()).then().statusCode(201);
        as(TestTokens.student("pat")).post("/enroll/{id}", course.id()).then().statusCode(201);

        problem(as(TestTokens.student("pat")).delete("/courses/{c}/enrollments/{u}", course.id(), "sam").then(), 403, "forbidden");
        problem(as(ALICE).delete("/courses/{c}/enrollments/{u}", course.id(), "sam").then(), 403, "forbidden");
        as(SAM).delete("/enroll/{id}", course.id()).then().statusCode(204);
        problem(as(SAM).delete("/enroll/{id}", course.id()).then(), 404, "not-found");
        as(ADMIN).delete("/courses/{c}/enrollments/{u}", course.id(), "pat").then().statusCode(204);
        as(SAM).post("/enroll/{id}", course.id()).then().statusCode(201);
    }

    @Test
    void instructorsSeeWhoIsEnrolledInTheirOwnCoursesWithoutEmails() {
        SeededCourse course = TestCatalog.published("alice", "Popular", "One");
        as(TestTokens.user("sam").roles("student").name("Sam Student").email("sam@example.test").sign())
                .post("/enroll/{id}", course.id()).then().statusCode(201);
        as(TestTokens.student("pat")).post("/enroll/{id}", course.id()).then().statusCode(201);

        as(ALICE).get("/courses/{courseId}/enrollments", course.id()).then().statusCode(200)
                .body("items.userId", contains("pat", "sam"))
                .body("items.name", hasItem("Sam Student"))
                .body("items[0]", not(hasKey("email")));
        as(ADMIN).get("/courses/{courseId}/enrollments", course.id()).then().statusCode(200)
                .body("items.email", hasItem("sam@example.test"));
        problem(as(TestTokens.instructor("bob")).get("/courses/{courseId}/enrollments", course.id()).then(), 403, "forbidden");
        problem(as(SAM).get("/courses/{courseId}/enrollments", course.id()).then(), 403, "forbidden");
        String page1 = as(ALICE).queryParam("limit", 1).get("/courses/{courseId}/enrollments", course.id()).jsonPath().getString("nextCursor");
        as(ALICE).queryParam("limit", 1).queryParam("cursor", page1).get("/courses/{courseId}/enrollments", course.id())
                .then().statusCode(200).body("items.userId", contains("sam"));
        SeededCourse other = TestCatalog.published("alice", "Other", "One");
        problem(as(ALICE).queryParam("cursor", page1).get("/courses/{courseId}/enrollments", other.id()).then(), 400, "invalid-cursor");
    }

    @Test
    void draftEnrollmentListsOfOthersAreHidden() {
        SeededCourse draft = TestCatalog.course("alice", CourseStatus.DRAFT, "Hidden", "One");
        problem(as(TestTokens.instructor("bob")).get("/courses/{courseId}/enrollments", draft.id()).then(), 404, "not-found");
        as(ALICE).get("/courses/{courseId}/enrollments", draft.id()).then().statusCode(200).body("items.size()", equalTo(0));
    }
}
