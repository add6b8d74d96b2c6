package dev.skillforge.courses.api;

import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.courses.api.CourseApi.course;
import static dev.skillforge.courses.api.CourseApi.createCourse;
import static dev.skillforge.web.testing.Http.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DynaliteResource.class)
class CourseResourceTest {

    static final String ALICE = TestTokens.instructor("alice");
    static final String BOB = TestTokens.instructor("bob");
    static final String ADMIN = TestTokens.admin("root");
    static final String STUDENT = TestTokens.student("sam");

    @Test
    void instructorCreatesDraftOwnedByThemselves() {
        as(ALICE).body(course("Java from zero", "programming", "java", "jvm")).post("/courses")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/courses/"))
                .body("id", notNullValue())
                .body("status", equalTo("draft"))
                .body("instructorId", equalTo("alice"))
                .body("version", equalTo(1))
                .body("tags", hasItem("jvm"));
    }

    @Test
    void draftIsHiddenFromOthersButVisibleToOwnerAndAdmin() {
        String id = createCourse(ALICE, "Secret draft", "programming");
        anonymous().get("/courses/{courseId}", id).then().statusCode(404);
        as(BOB).get("/courses/{courseId}", id).then().statusCode(404);
        as(STUDENT).get("/courses/{courseId}", id).then().statusCode(404);
        as(ALICE).get("/courses/{courseId}", id).then().statusCode(200).body("title", equalTo("Secret draft"));
        as(ADMIN).get("/courses/{courseId}", id).then().statusCode(200).header("ETag", equalTo("\"1\""));
    }

    @Test
    void studentsCannotCreateCourses() {
        problem(as(STUDENT).body(course("Nope", "programming")).post("/courses").then(), 403, "forbidden");
    }

    @Test
    void anonymousCannotCreateCourses() {
        problem(anonymous().body(course("Nope", "programming")).post("/courses").then(), 401, "unauthorized")
                .header("WWW-Authenticate", equalTo("Bearer"));
    }

    @Test
    void clientCannotSetOwnerOrStatus() {
        Map<String, Object> body = new HashMap<>(course("Sneaky", "programming"));
        body.put("status", "published");
        body.put("instructorId", "mallory");
        problem(as(ALICE).body(body).post("/courses").then(), 400, "validation")
                .body("errors.field", hasItem("status"));
    }

    @Test
    void validationReportsEveryBadField() {
        problem(as(ALICE).body(Map.of("title", "x", "category", "Not A Slug", "level", "guru")).post("/courses").then(),
                400, "validation")
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("category"))
                .body("errors.field", hasItem("level"))
                .body("detail", notNullValue())
                .body("trace", nullValue());
    }
}
