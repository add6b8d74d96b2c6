package dev.skillforge.courses.api;

import static dev.skillforge.courses.api.CourseApi.addLesson;
import static dev.skillforge.courses.api.CourseApi.createCourse;
import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.web.testing.BodyContract;
import dev.skillforge.web.testing.BodyContract.Route;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.web.testing.TestTokens;
import dev.skillforge.web.testing.Uploads;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The strict request contract on every courses-service route that takes a body (docs/problems.md): bodies that are not
 * one JSON object in UTF-8, fields of the wrong type, texts with nothing visible, object keys that leave their course,
 * and bodies or lessons too large; each refused with its problem, naming the field, and nothing changed.
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class StrictInputTest {

    static final String ALICE = TestTokens.instructor("alice");

    /** Texts that show nothing: each is refused where a text is required, with the message of an empty one. */
    static final List<String> INVISIBLE = List.of("\u200B", "\u200B\u200C\u200D", "\uFEFF", "\u2060\u2060\u2060", "\u00A0\u00A0\u00A0",
            "\u3000\u3000\u3000", " \u2007\u202F ", "\u00AD\u00AD\u00AD", "\u200E\u200F\u202A", "\u0301\u0301\u0301", "\u3164\u3164\u3164",
            "\u2800\u2800\u2800", "\uFE0F\uFE0F\uFE0F", "\u115F\u1160\uFFA0");

    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    static Map<String, Object> question() {
        return ordered("prompt", "2 + 2?", "options", List.of("3", "4"), "correctOption", 1);
    }

    /** Each route that takes a body, with a body it accepts. */
    static List<Route> routes(String courseId, String lessonId) {
        return List.of(
                new Route("POST", "/courses", ALICE, ordered("title", "Strict course", "description", "About it", "category", "math",
                        "tags", List.of("java"), "level", "beginner")),
                new Route("PUT", "/courses/" + courseId, ALICE, ordered("title", "Strict course", "category", "math", "version", 1)),
                new Route("POST", "/courses/" + courseId + "/lessons", ALICE, ordered("title", "Lesson", "summary", "Short",
                        "content", "Body", "durationMinutes", 5, "quiz", ordered("passMark", 50, "questions", List.of(question())))),
                new Route("PUT", "/courses/" + courseId + "/lessons/" + lessonId, ALICE, ordered("title", "Lesson", "version", 1)),
                new Route("PUT", "/lessons/" + lessonId, ALICE, ordered("title", "Lesson", "version", 1)),
                new Route("PUT", "/courses/" + courseId + "/lessons/order", ALICE, ordered("lessonIds", List.of(lessonId), "version", 1)),
                new Route("POST", "/courses/" + courseId + "/assets", ALICE, ordered("kind", "cover", "contentType", "image/png",
                        "contentLength", 10)));
    }

    @Test
    void everyBodyRouteRefusesBodiesThatAreNotOneJsonObjectInUtf8() {
        String id = createCourse(ALICE, "Strict", "math");
        String lesson = addLesson(ALICE, id, "One");
        for (Route route : routes(id, lesson)) {
            BodyContract.refusesBadBodies(route);
        }
    }

    @Test
    void everyFieldRefusesValuesOfAnotherType() {
        String id = createCourse(ALICE, "Typed", "math");
        String lesson = addLesson(ALICE, id, "One");
        for (Route route : routes(id, lesson)) {
            BodyContract.refusesWrongTypes(route);
        }
    }

    @Test
    void nestedFieldsAreNamedByTheirPath() {
        String id = createCourse(ALICE, "Nested", "math");
        Route add = routes(id, "unused").get(2);
        String question = "{\"prompt\":\"2 + 2?\",\"options\":[\"3\",\"4\"],\"correctOption\":1}";
        BodyContract.refusedWith(add, quiz("{\"passMark\":\"60\",\"questions\":[]}"), "quiz.passMark", "must be a whole number");
        BodyContract.refusedWith(add, quiz("{\"passMark\":60.5,\"questions\":[]}"), "quiz.passMark", "must be a whole number");
        BodyContract.refusedWith(add, quiz("\"none\""), "quiz", "must be an object");
        BodyContract.refusedWith(add, quiz("{\"passMark\":60,\"questions\":{}}"), "quiz.questions", "must be a list");
        BodyContract.refusedWith(add, quiz(questions("\"q\"")), "quiz.questions[0]", "must be an object");
        BodyContract.refusedWith(add, quiz(questions(question.replace(":1}", ":1.5}"))), "quiz.questions[0].correctOption",
                "must be a whole number");
        BodyContract.refusedWith(add, quiz(questions(question.replace(":1}", ":\"1\"}"))), "quiz.questions[0].correctOption",
                "must be a whole number");
        BodyContract.refusedWith(add, quiz(questions(question.replace("[\"3\",\"4\"]", "\"4\""))), "quiz.questions[0].options",
                "must be a list");
        BodyContract.refusedWith(add, quiz(questions(question.replace("[\"3\",\"4\"]", "[\"3\",4]"))), "quiz.questions[0].options[1]",
                "must be a string");
        BodyContract.refusedWith(add, quiz(questions(question.replace("{\"prompt\":\"2 + 2?\"", "{\"prompt\":\"2 + 2?\",\"prompt\":\"3?\""))),
                "quiz.questions[0].prompt", "appears more than once");
        BodyContract.refusedWith(add, quiz(questions(question + "," + question.replace(":1}", ":null}"))), "quiz.questions[1].correctOption",
                "must not be null");
        BodyContract.refusedWith(add, quiz(questions(question + "," + question.replace(":1}", ":1,\"correctOption\":0}"))),
                "quiz.questions[1].correctOption", "appears more than once");
    }

    /** A lesson body with the raw JSON of its quiz. */
    static String quiz(String quiz) {
        return "{\"title\":\"Lesson\",\"quiz\":" + quiz + "}";
    }

    static String questions(String questions) {
        return "{\"passMark\":60,\"questions\":[" + questions + "]}";
    }

    @Test
    void textsWithNothingVisibleAreRefusedAsBlank() {
        String id = createCourse(ALICE, "Visible", "math");
        String lesson = addLesson(ALICE, id, "One");
        for (String invisible : INVISIBLE) {
            problem(as(ALICE).body(Map.of("title", invisible, "category", "math")).post("/courses").then(), 400, "validation")
                    .body("errors.findAll { it.field == 'title' }.message", hasItem("must not be blank"));
            problem(as(ALICE).body(Map.of("title", invisible, "category", "math", "version", 1)).put("/courses/{courseId}", id).then(), 400,
                    "validation").body("errors.findAll { it.field == 'title' }.message", hasItem("must not be blank"));
            problem(as(ALICE).body(Map.of("title", invisible)).post("/courses/{courseId}/lessons", id).then(), 400, "validation")
                    .body("errors.findAll { it.field == 'title' }.message", hasItem("must not be blank"));
            problem(as(ALICE).body(Map.of("title", invisible, "version", 1)).put("/courses/{courseId}/lessons/{l}", id, lesson).then(), 400,
                    "validation").body("errors.findAll { it.field == 'title' }.message", hasItem("must not be blank"));
            Map<String, Object> quiz = Map.of("passMark", 50, "questions",
                    List.of(Map.of("prompt", invisible, "options", List.of("yes", invisible), "correctOption", 0)));
            problem(as(ALICE).body(Map.of("title", "Quiz", "quiz", quiz)).post("/courses/{courseId}/lessons", id).then(), 400, "validation")
                    .body("errors.findAll { it.field == 'quiz.questions[0].prompt' }.message", hasItem("must not be blank"))
                    .body("errors.findAll { it.field == 'quiz.questions[0].options[1]' }.message", hasItem("must not be blank"));
            problem(as(ALICE).body(Map.of("kind", "cover", "contentType", invisible, "contentLength", 10)).post("/courses/{courseId}/assets", id)
                    .then(), 400, "validation").body("errors.findAll { it.field == 'contentType' }.message", hasItem("must not be blank"));
        }
        // the message is the one an empty or whitespace title gets
        problem(as(ALICE).body(Map.of("title", "   ", "category", "math")).post("/courses").then(), 400, "validation")
                .body("errors.findAll { it.field == 'title' }.message", hasItem("must not be blank"));
        as(ALICE).get("/courses/{courseId}", id).then().body("title", equalTo("Visible")).body("version", equalTo(1));
        as(ALICE).get("/courses/{courseId}/lessons/{l}", id, lesson).then().body("title", equalTo("One")).body("version", equalTo(1));
        // invisible characters next to visible ones are text like any other
        as(ALICE).body(Map.of("title", "Zero\u200Bwidth\u00A0joined", "category", "math")).post("/courses").then().statusCode(201)
                .body("title", equalTo("Zero\u200Bwidth\u00A0joined"));
        as(ALICE).body(Map.of("title", "e\u0301t\u00E9")).post("/courses/{courseId}/lessons", id).then().statusCode(201);
    }

    @Test
    void objectKeysAreCheckedInTheirCanonicalFormAndStayInTheirCourse() {
        String id = createCourse(ALICE, "Keys", "math");
        String other = createCourse(ALICE, "Other", "math");
        String lesson = addLesson(ALICE, id, "One");
        String cover = "courses/" + id + "/cover/";
        String files = "courses/" + id + "/lessons/" + lesson + "/";
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("X/../x.png", "must not contain '.' or '..' segments");
        bad.put("X/./x.png", "must not contain '.' or '..' segments");
        bad.put("X/..", "must not contain '.' or '..' segments");
        bad.put("X/%2e%2e/x.png", "must not contain '.' or '..' segments");
        bad.put("X/%2E%2E%2Fx.png", "must not contain '.' or '..' segments");
        bad.put("X//x.png", "must not contain an empty segment");
        bad.put("X/", "must not contain an empty segment");
        bad.put("/X/x.png", "must not start with '/'");
        bad.put("X\\..\\x.png", "must separate its segments with '/', not '\\'");
        bad.put("X/x\u0000.png", "must not contain control characters");
        bad.put("X/x%00.png", "must not contain control characters");
        bad.put("X/x\u202E.png", "must not contain control characters");
        bad.put("X/%zz.png", "has a malformed percent-escape");
        bad.put("X/%e9.png", "has a malformed percent-escape");
        bad.put("X/%252e%252e/x.png", "may contain only letters, digits, '.', '_', '-' and '/'");
        bad.put("X/caf\u00E9.png", "may contain only letters, digits, '.', '_', '-' and '/'");
        bad.put("X/a b.png", "may contain only letters, digits, '.', '_', '-' and '/'");
        bad.put("X/\uFF0E\uFF0E/x.png", "may contain only letters, digits, '.', '_', '-' and '/'");
        bad.put("X/" + "x".repeat(300), "must be at most 300 characters");
        for (Map.Entry<String, String> key : bad.entrySet()) {
            String coverKey = key.getKey().replace("X", cover.substring(0, cover.length() - 1));
            problem(as(ALICE).body(Map.of("title", "Keys", "category", "math", "coverImageKey", coverKey, "version", 1))
                    .put("/courses/{courseId}", id).then(), 400, "validation")
                    .body("errors.field", equalTo(List.of("coverImageKey"))).body("errors[0].message", equalTo(key.getValue()));
            String videoKey = key.getKey().replace("X", files.substring(0, files.length() - 1));
            problem(as(ALICE).body(Map.of("title", "One", "videoKey", videoKey, "version", 1)).put("/courses/{courseId}/lessons/{l}", id, lesson)
                    .then(), 400, "validation")
                    .body("errors.field", equalTo(List.of("videoKey"))).body("errors[0].message", equalTo(key.getValue()));
        }
        // a well-formed key must lie under this course's own prefix, even when its raw form seemed to
        for (String elsewhere : List.of("courses/" + other + "/cover/x.png", "courses/" + id + "/lessons/x.png", "courses/" + id
                + "/coverx.png", "courses/" + id + "/cover", "x.png")) {
            problem(as(ALICE).body(Map.of("title", "Keys", "category", "math", "coverImageKey", elsewhere, "version", 1))
                    .put("/courses/{courseId}", id).then(), 400, "validation")
                    .body("errors[0].field", equalTo("coverImageKey"))
                    .body("errors[0].message", equalTo("must be a cover key issued for this course"));
        }
        problem(as(ALICE).body(Map.of("title", "One", "videoKey", "courses/" + id + "/lessons/../../" + other + "/lessons/x.mp4", "version", 1))
                .put("/courses/{courseId}/lessons/{l}", id, lesson).then(), 400, "validation").body("errors[0].field", equalTo("videoKey"));
        problem(as(ALICE).body(Map.of("title", "One", "videoKey", "courses/" + other + "/lessons/" + lesson + "/x.mp4", "version", 1))
                .put("/courses/{courseId}/lessons/{l}", id, lesson).then(), 400, "validation")
                .body("errors[0].message", equalTo("must be a lesson file key issued for this course"));
        as(ALICE).get("/courses/{courseId}", id).then().body("version", equalTo(1)).body("coverImageKey", nullValue());
        as(ALICE).get("/courses/{courseId}/lessons/{l}", id, lesson).then().body("version", equalTo(1)).body("videoKey", nullValue());

        // the canonical form is what is stored and checked against the grant: escapes decoded once, Unicode NFC
        byte[] png = Uploads.file("image/png", 100);
        String coverKey = AssetResourceTest.uploaded(ALICE, id, AssetResourceTest.cover("image/png", png.length), png);
        as(ALICE).body(Map.of("title", "Keys", "category", "math", "coverImageKey", coverKey.replace("/cover/", "/cove%72/"), "version", 1))
                .put("/courses/{courseId}", id).then().statusCode(200).body("coverImageKey", equalTo(coverKey));
        byte[] pdf = Uploads.file("application/pdf", 100);
        String fileKey = AssetResourceTest.uploaded(ALICE, id, Map.of("kind", "lesson-file", "lessonId", lesson, "contentType",
                "application/pdf", "contentLength", pdf.length), pdf);
        as(ALICE).body(Map.of("title", "One", "videoKey", fileKey.replace(".pdf", "%2Epdf"), "version", 1))
                .put("/courses/{courseId}/lessons/{l}", id, lesson).then().statusCode(200).body("videoKey", equalTo(fileKey));
    }

    @Test
    void aLessonTooLargeForItsItemIsA413AndNothingIsWritten() {
        String id = createCourse(ALICE, "Large", "math");
        // each text within its own limit (content 200,000 bytes, prompts 3,000 and options 900 bytes), 50 questions: about
        // 600 KB together, under the 1 MiB body limit but over one item's 400 KB
        String prompt = "\u6f22".repeat(1000);
        List<String> options = List.of("\u6f22".repeat(300), "\u6f22".repeat(300), "\u6f22".repeat(300), "\u6f22".repeat(300));
        List<Map<String, Object>> questions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            questions.add(Map.of("prompt", prompt, "options", options, "correctOption", 0));
        }
        String before = BodyContract.tableSnapshot();
        problem(as(ALICE).body(Map.of("title", "Too much", "content", "x".repeat(200_000), "quiz", Map.of("passMark", 50, "questions", questions)))
                .post("/courses/{courseId}/lessons", id).then(), 413, "too-large");
        assertEquals(before, BodyContract.tableSnapshot());
    }

    /** A body a route refuses, and the field the refusal names. */
    record Refusal(String field, Map<String, Object> body) {
    }

    @Test
    void documentedLimitsAreCheckedAtTheEdge() {
        String id = createCourse(ALICE, "Limits", "math");
        String lesson = addLesson(ALICE, id, "One");
        String before = BodyContract.tableSnapshot();
        List<Refusal> courses = List.of(
                new Refusal("title", Map.of("title", "x".repeat(121), "category", "math")),
                new Refusal("title", Map.of("title", "xy", "category", "math")),
                new Refusal("description", Map.of("title", "Limits", "category", "math", "description", "x".repeat(5001))),
                // 3,751 four-byte characters: under 5,000 characters, over 15,000 bytes
                new Refusal("description", Map.of("title", "Limits", "category", "math", "description", "\uD83D\uDE00".repeat(3751))),
                new Refusal("category", Map.of("title", "Limits", "category", "x".repeat(41))),
                new Refusal("tags", Map.of("title", "Limits", "category", "math", "tags", Collections.nCopies(11, "t"))),
                new Refusal("tags[0]", Map.of("title", "Limits", "category", "math", "tags", List.of("x".repeat(31)))));
        for (Refusal refused : courses) {
            problem(as(ALICE).body(refused.body()).post("/courses").then(), 400, "validation").body("errors.field", hasItem(refused.field()));
        }
        List<Refusal> lessons = List.of(
                new Refusal("title", Map.of("title", "x".repeat(121))),
                new Refusal("summary", Map.of("title", "L", "summary", "x".repeat(501))),
                new Refusal("content", Map.of("title", "L", "content", "x".repeat(200_001))),
                new Refusal("durationMinutes", Map.of("title", "L", "durationMinutes", 1441)),
                new Refusal("durationMinutes", Map.of("title", "L", "durationMinutes", -1)),
                new Refusal("quiz.passMark", Map.of("title", "L", "quiz", Map.of("passMark", 101, "questions", List.of(question())))),
                new Refusal("quiz.questions", Map.of("title", "L", "quiz", Map.of("passMark", 50, "questions", List.of()))),
                new Refusal("quiz.questions", Map.of("title", "L", "quiz", Map.of("passMark", 50, "questions", Collections.nCopies(51, question())))),
                new Refusal("quiz.questions[0].prompt", Map.of("title", "L", "quiz", Map.of("passMark", 50, "questions",
                        List.of(Map.of("prompt", "x".repeat(1001), "options", List.of("a", "b"), "correctOption", 0))))),
                new Refusal("quiz.questions[0].options", Map.of("title", "L", "quiz", Map.of("passMark", 50, "questions",
                        List.of(Map.of("prompt", "p", "options", Collections.nCopies(7, "o"), "correctOption", 0))))),
                new Refusal("quiz.questions[0].options[0]", Map.of("title", "L", "quiz", Map.of("passMark", 50, "questions",
                        List.of(Map.of("prompt", "p", "options", List.of("x".repeat(301), "b"), "correctOption", 0))))));
        for (Refusal refused : lessons) {
            problem(as(ALICE).body(refused.body()).post("/courses/{courseId}/lessons", id).then(), 400, "validation")
                    .body("errors.field", hasItem(refused.field()));
        }
        problem(as(ALICE).body(Map.of("kind", "cover", "contentType", "x".repeat(101), "contentLength", 10)).post("/courses/{courseId}/assets", id)
                .then(), 400, "validation").body("errors.field", hasItem("contentType"));
        problem(as(ALICE).body(Map.of("lessonIds", Collections.nCopies(201, lesson))).put("/courses/{courseId}/lessons/order", id)
                .then(), 400, "validation").body("errors.field", hasItem("lessonIds"));
        assertEquals(before, BodyContract.tableSnapshot());
        // at the limits themselves, the small fields are accepted
        as(ALICE).body(Map.of("title", "x".repeat(120), "category", "x".repeat(40), "tags", Collections.nCopies(10, "y".repeat(30))))
                .post("/courses").then().statusCode(201);
        as(ALICE).body(Map.of("title", "x".repeat(120), "durationMinutes", 1440)).post("/courses/{courseId}/lessons", id).then().statusCode(201);
    }
}
