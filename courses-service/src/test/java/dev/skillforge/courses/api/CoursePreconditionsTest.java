package dev.skillforge.courses.api;

import static dev.skillforge.courses.api.CourseApi.addLesson;
import static dev.skillforge.courses.api.CourseApi.createCourse;
import static dev.skillforge.web.testing.Http.as;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.web.testing.PreconditionMatrix;
import dev.skillforge.web.testing.PreconditionMatrix.Case;
import dev.skillforge.web.testing.PreconditionMatrix.Target;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every courses-service route that changes an existing object, through every case of the version rules
 * (PreconditionMatrix): required, If-Match per RFC 9110 (*, lists, strong comparison, syntax) or the body's version.
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class CoursePreconditionsTest {

    static final String ALICE = TestTokens.instructor("alice");

    static Stream<Arguments> routesAndCases() {
        return Stream.of("PUT /courses/{courseId}", "DELETE /courses/{courseId}", "POST /courses/{courseId}/publish", "POST /courses/{courseId}/unpublish",
                "PUT /courses/{courseId}/lessons/{lessonId}", "PUT /lessons/{lessonId}", "DELETE /courses/{courseId}/lessons/{lessonId}",
                "PUT /courses/{courseId}/lessons/order")
                .flatMap(route -> Stream.of(Case.values()).map(which -> Arguments.of(route, which)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("routesAndCases")
    void everyChangeNamesTheVersionItIsBasedOn(String route, Case which) {
        PreconditionMatrix.check(which, target(route), () -> as(ALICE));
    }

    private static Supplier<Target> target(String route) {
        return switch (route) {
            case "PUT /courses/{courseId}" -> () -> {
                String id = editedCourse();
                return new Target((request, version) -> request.body(courseBody("Edited again", version)).put("/courses/{courseId}", id),
                        () -> courseVersion(id));
            };
            case "DELETE /courses/{courseId}" -> () -> {
                String id = editedCourse();
                return new Target((request, version) -> withVersion(request, version).delete("/courses/{courseId}", id), () -> courseVersion(id));
            };
            case "POST /courses/{courseId}/publish" -> () -> {
                String id = editedCourse();
                addLesson(ALICE, id, "Intro");
                return new Target((request, version) -> withVersion(request, version).post("/courses/{courseId}/publish", id),
                        () -> courseVersion(id));
            };
            case "POST /courses/{courseId}/unpublish" -> () -> {
                String id = CourseApi.publishedCourse(ALICE, "Published course", "programming");
                return new Target((request, version) -> withVersion(request, version).post("/courses/{courseId}/unpublish", id),
                        () -> courseVersion(id));
            };
            case "PUT /courses/{courseId}/lessons/{lessonId}" -> () -> {
                String[] lesson = editedLesson();
                return new Target((request, version) -> request.body(lessonBody(version))
                        .put("/courses/{courseId}/lessons/{l}", lesson[0], lesson[1]), () -> lessonVersion(lesson));
            };
            case "PUT /lessons/{lessonId}" -> () -> {
                String[] lesson = editedLesson();
                return new Target((request, version) -> request.body(lessonBody(version)).put("/lessons/{l}", lesson[1]),
                        () -> lessonVersion(lesson));
            };
            case "DELETE /courses/{courseId}/lessons/{lessonId}" -> () -> {
                String[] lesson = editedLesson();
                return new Target((request, version) -> withVersion(request, version)
                        .delete("/courses/{courseId}/lessons/{l}", lesson[0], lesson[1]), () -> lessonVersion(lesson));
            };
            case "PUT /courses/{courseId}/lessons/order" -> () -> {
                String id = createCourse(ALICE, "Ordered", "programming");
                String one = addLesson(ALICE, id, "One");
                String two = addLesson(ALICE, id, "Two");
                return new Target((request, version) -> {
                    Map<String, Object> body = new HashMap<>(Map.of("lessonIds", List.of(two, one)));
                    if (version != null) {
                        body.put("version", version);
                    }
                    return request.body(body).put("/courses/{courseId}/lessons/order", id);
                }, () -> as(ALICE).get("/courses/{courseId}/lessons", id).then().extract().jsonPath().getLong("version"));
            };
            default -> throw new IllegalArgumentException(route);
        };
    }

    /** A draft at version 2: version 1 is stale. */
    private static String editedCourse() {
        String id = createCourse(ALICE, "Versioned course", "programming");
        as(ALICE).body(courseBody("Edited once", 1L)).put("/courses/{courseId}", id).then().statusCode(200);
        return id;
    }

    /** A draft's lesson at version 2: {course id, lesson id}. */
    private static String[] editedLesson() {
        String id = createCourse(ALICE, "Course with a lesson", "programming");
        String lesson = addLesson(ALICE, id, "Lesson");
        as(ALICE).body(Map.of("title", "Lesson, edited", "version", 1)).put("/courses/{courseId}/lessons/{l}", id, lesson).then().statusCode(200);
        return new String[] { id, lesson };
    }

    private static long courseVersion(String id) {
        Response read = as(ALICE).get("/courses/{courseId}", id);
        return read.statusCode() == 404 ? -1 : read.jsonPath().getLong("version");
    }

    private static long lessonVersion(String[] lesson) {
        Response read = as(ALICE).get("/courses/{courseId}/lessons/{l}", lesson[0], lesson[1]);
        return read.statusCode() == 404 ? -1 : read.jsonPath().getLong("version");
    }

    private static Map<String, Object> courseBody(String title, Long version) {
        Map<String, Object> body = new HashMap<>(CourseApi.course(title, "programming", "java"));
        if (version != null) {
            body.put("version", version);
        }
        return body;
    }

    private static Map<String, Object> lessonBody(Long version) {
        Map<String, Object> body = new HashMap<>(Map.of("title", "Lesson, edited again"));
        if (version != null) {
            body.put("version", version);
        }
        return body;
    }

    /** A change without content of its own carries its version as {"version": n}, or no body at all. */
    private static RequestSpecification withVersion(RequestSpecification request, Long version) {
        return version == null ? request : request.body(Map.of("version", version));
    }
}
