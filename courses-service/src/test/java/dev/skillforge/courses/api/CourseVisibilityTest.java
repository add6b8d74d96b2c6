package dev.skillforge.courses.api;

import static dev.skillforge.courses.api.CourseApi.addLesson;
import static dev.skillforge.courses.api.CourseApi.createCourse;
import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.web.testing.HiddenCourses;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A draft, and an unpublished course, are hidden from everyone but their owner and admins (an unpublished course also
 * from everyone not enrolled in it): every courses-service route that names one answers another instructor, a learner
 * and a visitor exactly as for a course that does not exist, whatever version or body they send, and changes nothing.
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class CourseVisibilityTest {

    static final String ALICE = TestTokens.instructor("alice");
    static final String BOB = TestTokens.instructor("bob");
    static final String LEARNER = TestTokens.student("sam");

    @Test
    void aDraftAnswersEveryoneElseAsACourseThatDoesNotExist() {
        String draft = createCourse(ALICE, "Secret draft", "programming");
        String lesson = addLesson(ALICE, draft, "Secret lesson");
        everyRouteAnswersAsMissing(draft, lesson);
        as(ALICE).get("/courses/{courseId}", draft).then().statusCode(200).body("version", equalTo(1)).body("title", equalTo("Secret draft"));
        as(ALICE).get("/courses/{courseId}/lessons", draft).then().body("lessons.id", equalTo(List.of(lesson))).body("lessons[0].version", equalTo(1));
    }

    @Test
    void anUnpublishedCourseAnswersEveryoneNotInItAsACourseThatDoesNotExist() {
        String withdrawn = CourseApi.publishedCourse(ALICE, "Withdrawn course", "programming");
        String lesson = as(ALICE).get("/courses/{courseId}/lessons", withdrawn).jsonPath().getString("lessons[0].id");
        TestCatalog.enroll("enrolled", withdrawn);
        CourseApi.unpublish(ALICE, withdrawn);
        everyRouteAnswersAsMissing(withdrawn, lesson);
        as(ALICE).get("/courses/{courseId}", withdrawn).then().statusCode(200).body("version", equalTo(3)).body("status", equalTo("unpublished"));
        // its learners keep it: the same rule, seen from the other side
        as(TestTokens.student("enrolled")).get("/courses/{courseId}/lessons/{l}", withdrawn, lesson).then().statusCode(200);
    }

    private static void everyRouteAnswersAsMissing(String course, String lesson) {
        for (String token : new String[] { BOB, LEARNER }) {
            for (boolean withVersion : new boolean[] { true, false }) {
                for (Map.Entry<String, Function<String, Response>> route : routes(() -> {
                    RequestSpecification request = as(token);
                    return withVersion ? request.header("If-Match", "*") : request;
                }, lesson).entrySet()) {
                    HiddenCourses.assertAnswersAsMissing(route.getKey(), route.getKey().equals("PUT /lessons/{lessonId}") ? lesson : course,
                            route.getValue());
                }
            }
        }
        for (String route : new String[] { "GET /courses/{courseId}", "GET /courses/{courseId}/lessons", "GET /courses/{courseId}/lessons/{lessonId}" }) {
            HiddenCourses.assertAnswersAsMissing(route + " (visitor)", course, routes(() -> anonymous(), lesson).get(route));
        }
    }

    /** Every route of this function that names a course, as a request for a course id (the lesson's id for PUT /lessons/{lessonId}). */
    private static Map<String, Function<String, Response>> routes(java.util.function.Supplier<RequestSpecification> caller, String lesson) {
        Map<String, Object> courseBody = Map.of("title", "Taken over", "category", "programming");
        Map<String, Object> lessonBody = Map.of("title", "Taken over");
        Map<String, Function<String, Response>> routes = new java.util.LinkedHashMap<>();
        routes.put("GET /courses/{courseId}", id -> caller.get().get("/courses/{courseId}", id));
        routes.put("GET /courses/{courseId}/lessons", id -> caller.get().get("/courses/{courseId}/lessons", id));
        routes.put("GET /courses/{courseId}/lessons/{lessonId}", id -> caller.get().get("/courses/{courseId}/lessons/{l}", id, lesson));
        routes.put("PUT /courses/{courseId}", id -> caller.get().body(courseBody).put("/courses/{courseId}", id));
        routes.put("DELETE /courses/{courseId}", id -> caller.get().delete("/courses/{courseId}", id));
        routes.put("POST /courses/{courseId}/publish", id -> caller.get().post("/courses/{courseId}/publish", id));
        routes.put("POST /courses/{courseId}/unpublish", id -> caller.get().post("/courses/{courseId}/unpublish", id));
        routes.put("POST /courses/{courseId}/lessons", id -> caller.get().body(Map.of("title", "Planted")).post("/courses/{courseId}/lessons", id));
        routes.put("PUT /courses/{courseId}/lessons/order", id -> caller.get().body(Map.of("lessonIds", List.of(lesson)))
                .put("/courses/{courseId}/lessons/order", id));
        routes.put("PUT /courses/{courseId}/lessons/{lessonId}", id -> caller.get().body(lessonBody).put("/courses/{courseId}/lessons/{l}", id, lesson));
        routes.put("DELETE /courses/{courseId}/lessons/{lessonId}", id -> caller.get().delete("/courses/{courseId}/lessons/{l}", id, lesson));
        routes.put("PUT /lessons/{lessonId}", id -> caller.get().body(lessonBody).put("/lessons/{l}", id));
        routes.put("POST /courses/{courseId}/assets", id -> caller.get()
                .body(Map.of("kind", "cover", "contentType", "image/png", "contentLength", 10)).post("/courses/{courseId}/assets", id));
        return routes;
    }
}
