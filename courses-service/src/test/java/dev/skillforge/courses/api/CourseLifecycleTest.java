package dev.skillforge.courses.api;

import static dev.skillforge.courses.api.CourseApi.addLesson;
import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.courses.api.CourseApi.course;
import static dev.skillforge.courses.api.CourseApi.createCourse;
import static dev.skillforge.web.testing.Http.problem;
import static dev.skillforge.courses.api.CourseApi.publishedCourse;
import static dev.skillforge.courses.api.CourseApi.current;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DynaliteResource.class)
class CourseLifecycleTest {

    static final String ALICE = TestTokens.instructor("alice");
    static final String BOB = TestTokens.instructor("bob");
    static final String ADMIN = TestTokens.admin("root");
    static final String STUDENT = TestTokens.student("sam");

    static Map<String, Object> edit(String title, Object version) {
        Map<String, Object> body = new HashMap<>(course(title, "programming", "java"));
        if (version != null) {
            body.put("version", version);
        }
        return body;
    }

    @Test
    void ownerEditsWithTheCurrentVersion() {
        String id = createCourse(ALICE, "First title", "programming");
        as(ALICE).body(edit("Second title", 1)).put("/courses/{courseId}", id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("title", equalTo("Second title"))
                .body("version", equalTo(2))
                .body("instructorId", equalTo("alice"))
                .body("status", equalTo("draft"));
    }

    @Test
    void staleVersionInTheBodyIsAConflictAndChangesNothing() {
        String id = createCourse(ALICE, "Original", "programming");
        as(ALICE).body(edit("Edit one", 1)).put("/courses/{courseId}", id).then().statusCode(200);
        problem(as(ALICE).body(edit("Edit from a stale page", 1)).put("/courses/{courseId}", id).then(), 409, "stale-version")
                .body("detail", containsString("current version is 2"))
                .header("ETag", equalTo("\"2\""));
        as(ALICE).get("/courses/{courseId}", id).then().body("title", equalTo("Edit one"));
    }

    @Test
    void staleIfMatchIsAPreconditionFailure() {
        String id = createCourse(ALICE, "Original", "programming");
        as(ALICE).header("If-Match", "\"1\"").body(edit("Edit one", null)).put("/courses/{courseId}", id).then().statusCode(200);
        problem(as(ALICE).header("If-Match", "\"1\"").body(edit("Stale", null)).put("/courses/{courseId}", id).then(), 412, "stale-version");
    }

    @Test
    void editWithoutAVersionIsRefused() {
        String id = createCourse(ALICE, "Original", "programming");
        problem(as(ALICE).body(edit("No version", null)).put("/courses/{courseId}", id).then(), 428, "precondition-required");
        as(ALICE).get("/courses/{courseId}", id).then().body("title", equalTo("Original")).body("version", equalTo(1));
    }

    @Test
    void aPutReplacesEveryFieldAndAnOmittedOneGetsWhatANewCourseGets() {
        String id = createCourse(ALICE, "Full course", "programming", "java");
        as(ALICE).body(Map.of("title", "Bare course", "category", "data", "version", 1)).put("/courses/{courseId}", id)
                .then().statusCode(200)
                .body("title", equalTo("Bare course"))
                .body("category", equalTo("data"))
                .body("level", equalTo("all-levels"))
                .body("tags", equalTo(java.util.List.of()))
                .body("$", not(org.hamcrest.Matchers.hasKey("description")));
    }

    @Test
    void othersCannotEditAndAdminsCan() {
        String draft = createCourse(ALICE, "Alice draft", "programming");
        problem(as(BOB).body(edit("Hijack", 1)).put("/courses/{courseId}", draft).then(), 404, "not-found");
        problem(as(STUDENT).body(edit("Hijack", 1)).put("/courses/{courseId}", draft).then(), 404, "not-found");
        String published = publishedCourse(ALICE, "Alice published", "programming");
        problem(as(BOB).body(edit("Hijack", 2)).put("/courses/{courseId}", published).then(), 403, "forbidden");
        problem(as(STUDENT).body(edit("Hijack", 2)).put("/courses/{courseId}", published).then(), 403, "forbidden");
        as(ADMIN).body(edit("Fixed by admin", 2)).put("/courses/{courseId}", published).then().statusCode(200)
                .body("instructorId", equalTo("alice"));
    }

    @Test
    void mutationFieldsAreNeverStored() {
        String id = createCourse(ALICE, "Original", "programming");
        for (String field : new String[] { "instructorId", "ownerId", "status", "rating", "reviewCount", "id", "createdAt" }) {
            Map<String, Object> body = edit("Sneaky", 1);
            body.put(field, "forged");
            problem(as(ALICE).body(body).put("/courses/{courseId}", id).then(), 400, "validation").body("errors.field", hasItem(field));
        }
        as(ALICE).get("/courses/{courseId}", id).then().body("title", equalTo("Original")).body("version", equalTo(1));
    }

    @Test
    void publishingNeedsALesson() {
        String id = createCourse(ALICE, "Empty", "programming");
        problem(current(ALICE, id).post("/courses/{courseId}/publish", id).then(), 409, "invalid-state")
                .body("detail", containsString("at least one lesson"));
        addLesson(ALICE, id, "Intro");
        current(ALICE, id).post("/courses/{courseId}/publish", id).then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("status", equalTo("published"))
                .body("publishedAt", notNullValue());
        problem(current(ALICE, id).post("/courses/{courseId}/publish", id).then(), 409, "invalid-state");
    }

    @Test
    void publishedCoursesAreListedAndUnpublishedOnesLeaveTheCatalog() {
        String id = publishedCourse(ALICE, "Listed", "data", "sql");
        anonymous().get("/courses").then().statusCode(200).body("items.id", hasItem(id));
        anonymous().get("/courses?category=data").then().statusCode(200).body("items.id", hasItem(id));
        anonymous().get("/courses/{courseId}", id).then().statusCode(200);

        as(ALICE).body(Map.of("version", 2)).post("/courses/{courseId}/unpublish", id).then().statusCode(200)
                .body("status", equalTo("unpublished")).header("ETag", equalTo("\"3\""));
        anonymous().get("/courses").then().body("items.id", not(hasItem(id)));
        anonymous().get("/courses?category=data").then().body("items.id", not(hasItem(id)));
        anonymous().get("/courses/{courseId}", id).then().statusCode(404);
        problem(current(ALICE, id).post("/courses/{courseId}/unpublish", id).then(), 409, "invalid-state");
    }

    @Test
    void enrolledStudentStillSeesAnUnpublishedCourse() {
        String id = publishedCourse(ALICE, "Withdrawn later", "data");
        TestCatalog.enroll("sam", id);
        CourseApi.unpublish(ALICE, id);
        as(STUDENT).get("/courses/{courseId}", id).then().statusCode(200).body("status", equalTo("unpublished"));
        as(TestTokens.student("other")).get("/courses/{courseId}", id).then().statusCode(404);
    }

    @Test
    void publishAndUnpublishAreForOwnersAndAdmins() {
        String id = createCourse(ALICE, "Guarded", "programming");
        addLesson(ALICE, id, "Intro");
        // a draft is nobody else's business: 404 for another instructor and for a learner alike
        problem(as(BOB).header("If-Match", "*").post("/courses/{courseId}/publish", id).then(), 404, "not-found");
        problem(as(STUDENT).header("If-Match", "*").post("/courses/{courseId}/publish", id).then(), 404, "not-found");
        current(ADMIN, id).post("/courses/{courseId}/publish", id).then().statusCode(200);
        // a published course is visible: its owner's role and ownership decide (403)
        problem(as(BOB).header("If-Match", "*").post("/courses/{courseId}/unpublish", id).then(), 403, "forbidden");
        problem(as(STUDENT).header("If-Match", "*").post("/courses/{courseId}/unpublish", id).then(), 403, "forbidden")
                .body("detail", containsString("role"));
        current(ADMIN, id).post("/courses/{courseId}/unpublish", id).then().statusCode(200);
    }

    @Test
    void deletingACourseMakesItAndEverythingUnderItUnreachableAtOnce() {
        String id = publishedCourse(ALICE, "Doomed course", "programming", "doomed");
        String lesson = addLesson(ALICE, id, "Second lesson");
        SearchFeed.deliver();
        anonymous().get("/courses/search?q=doomed").then().statusCode(200).body("items.size()", equalTo(1));
        problem(as(BOB).header("If-Match", "*").delete("/courses/{courseId}", id).then(), 403, "forbidden");
        problem(as(STUDENT).header("If-Match", "*").delete("/courses/{courseId}", id).then(), 403, "forbidden");

        as(ALICE).body(Map.of("version", 2)).delete("/courses/{courseId}", id).then().statusCode(204);

        anonymous().get("/courses/{courseId}", id).then().statusCode(404);
        as(ALICE).get("/courses/{courseId}", id).then().statusCode(404);
        as(ALICE).get("/courses/{courseId}/lessons", id).then().statusCode(404);
        anonymous().get("/courses").then().body("items.id", not(hasItem(id)));
        SearchFeed.deliver();
        anonymous().get("/courses/search?q=doomed").then().statusCode(200).body("items.size()", equalTo(0));
        problem(as(ALICE).body(Map.of("title", "Ghost", "version", 1)).put("/lessons/{lessonId}", lesson).then(), 404, "not-found");
        // The request deletes the course item only (bounded, whatever the course's size); its lessons are the stream's
        // course cascade's to delete (stream-processor CourseCascadeTest), and unreachable from here on.
        assertEquals(3, TestTable.countPartition("course#" + id), "the two lessons and the outline are left for the cascade");
        problem(as(ALICE).header("If-Match", "*").delete("/courses/{courseId}", id).then(), 404, "not-found");
    }

    @Test
    void staleDeleteIsRefused() {
        String id = createCourse(ALICE, "Racing", "programming");
        as(ALICE).body(edit("Changed meanwhile", 1)).put("/courses/{courseId}", id).then().statusCode(200);
        problem(as(ALICE).header("If-Match", "\"1\"").delete("/courses/{courseId}", id).then(), 412, "stale-version");
        problem(as(ALICE).delete("/courses/{courseId}", id).then(), 428, "precondition-required");
        as(ALICE).get("/courses/{courseId}", id).then().statusCode(200);
        as(ADMIN).header("If-Match", "\"2\"").delete("/courses/{courseId}", id).then().statusCode(204);
    }

    @Test
    void idsWithKeySyntaxNameNothing() {
        for (String id : new String[] { "x#course", "course#1", "a b", "%23", "' OR 1=1" }) {
            anonymous().get("/courses/{courseId}", id).then().statusCode(404).contentType("application/problem+json");
        }
    }
}
