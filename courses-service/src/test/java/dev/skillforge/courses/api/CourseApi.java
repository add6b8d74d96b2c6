package dev.skillforge.courses.api;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import dev.skillforge.data.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Small steps the course tests share: authenticated requests and the usual setup of a course. */
final class CourseApi {

    private CourseApi() {
    }

    static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", TestTokens.bearer(token));
    }

    static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
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
                .post("/courses/{id}/lessons", courseId)
                .then().statusCode(201).extract().path("id");
    }

    /** A published course with one lesson, owned by {@code token}'s user. */
    static String publishedCourse(String token, String title, String category, String... tags) {
        String id = createCourse(token, title, category, tags);
        addLesson(token, id, "Lesson 1 of " + title);
        as(token).post("/courses/{id}/publish", id).then().statusCode(200);
        return id;
    }

    static ValidatableResponse problem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(status))
                .body("type", org.hamcrest.Matchers.equalTo("/problems/" + type));
    }
}
