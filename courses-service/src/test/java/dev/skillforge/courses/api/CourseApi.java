package dev.skillforge.courses.api;

import static dev.skillforge.web.testing.Http.as;

import java.util.List;
import java.util.Map;

import io.restassured.specification.RequestSpecification;

/** Small steps the course tests share: authenticated requests and the usual setup of a course. */
final class CourseApi {

    private CourseApi() {
    }

    static Map<String, Object> course(String title, String category, String... tags) {
        return Map.of("title", title, "description", "About " + title, "category", category, "tags", List.of(tags),
                "level", "beginner");
    }

    /** Creates a draft course as {@code token} and returns its id. */
    static String createCourse(String token, String title, String category, String... tags) {
        return as(token).body(course(title, category, tags)).post("/courses")
                .then().statusCode(201).extract().path("id");
    }

    static String addLesson(String token, String courseId, String title) {
        return as(token).body(Map.of("title", title, "summary", "Summary of " + title, "content", "Body of " + title,
                        "durationMinutes", 10))
                .post("/courses/{courseId}/lessons", courseId)
                .then().statusCode(201).extract().path("id");
    }

    /** A published course with one lesson, owned by {@code token}'s user. */
    static String publishedCourse(String token, String title, String category, String... tags) {
        String id = createCourse(token, title, category, tags);
        addLesson(token, id, "Lesson 1 of " + title);
        publish(token, id);
        return id;
    }

    /** A request as {@code token} that names the course's current version, as a client sends back the ETag it read. */
    static RequestSpecification current(String token, String courseId) {
        String etag = as(token).get("/courses/{courseId}", courseId).then().statusCode(200).extract().header("ETag");
        return as(token).header("If-Match", etag);
    }

    static void publish(String token, String courseId) {
        current(token, courseId).post("/courses/{courseId}/publish", courseId).then().statusCode(200);
    }

    static void unpublish(String token, String courseId) {
        current(token, courseId).post("/courses/{courseId}/unpublish", courseId).then().statusCode(200);
    }

    static void delete(String token, String courseId) {
        current(token, courseId).delete("/courses/{courseId}", courseId).then().statusCode(204);
    }
}
