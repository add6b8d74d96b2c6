package dev.skillforge.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.local.gateway.GatewayClient;
import dev.skillforge.local.identity.DevIdentity;

/**
 * LOCAL ONLY. The demo users of the local run and the data they make, created through the public API on the
 * gateway's port (so seeding exercises the same routes, checks and stream as any client): two instructors with
 * published and draft courses, lessons and quizzes, students who enroll, learn, pass a quiz and review. The published
 * courses get cover images the way an instructor adds one: a grant, the PUT to the local S3, the attach.
 */
public final class DemoData {

    public static final DevIdentity.User ADMIN = new DevIdentity.User("admin-1", "Ada Admin", "admin");
    public static final DevIdentity.User INSTRUCTOR = new DevIdentity.User("instructor-1", "Ines Instructor", "instructor");
    public static final DevIdentity.User INSTRUCTOR_2 = new DevIdentity.User("instructor-2", "Omar Okafor", "instructor");
    public static final DevIdentity.User STUDENT = new DevIdentity.User("student-1", "Sam Student", "student");
    public static final DevIdentity.User STUDENT_2 = new DevIdentity.User("student-2", "Lea Learner", "student");
    public static final DevIdentity.User STUDENT_3 = new DevIdentity.User("student-3", "Kai Kim", "student");

    /** Each user under the shell variable name the tokens file gives it. */
    public static final Map<String, DevIdentity.User> USERS = orderedUsers();

    private static Map<String, DevIdentity.User> orderedUsers() {
        Map<String, DevIdentity.User> users = new LinkedHashMap<>();
        users.put("ADMIN_TOKEN", ADMIN);
        users.put("INSTRUCTOR_TOKEN", INSTRUCTOR);
        users.put("INSTRUCTOR2_TOKEN", INSTRUCTOR_2);
        users.put("STUDENT_TOKEN", STUDENT);
        users.put("STUDENT2_TOKEN", STUDENT_2);
        users.put("STUDENT3_TOKEN", STUDENT_3);
        return java.util.Collections.unmodifiableMap(users);
    }

    private final ObjectMapper json = new ObjectMapper();
    private final GatewayClient gateway;
    private final Map<DevIdentity.User, String> tokens;
    private int calls;

    public DemoData(URI base, Map<DevIdentity.User, String> tokens) {
        this.gateway = new GatewayClient(base);
        this.tokens = tokens;
    }

    /** Creates the demo catalog, enrollments, progress and reviews; returns the number of API calls made. */
    public int seed() throws IOException, InterruptedException {
        ObjectNode lambdaCourse = course("Java on AWS Lambda", "programming", List.of("java", "aws", "serverless"), "intermediate",
                "Build fast-starting Java functions: packaging, cold starts, DynamoDB access.");
        String lambda = create(INSTRUCTOR, lambdaCourse);
        List<String> lambdaLessons = List.of(lesson(INSTRUCTOR, lambda, "How Lambda runs Java", 9),
                lesson(INSTRUCTOR, lambda, "Cold starts and the AOT cache", 14));
        ObjectNode quizLesson = lessonWithQuiz(INSTRUCTOR, lambda, "Check: Lambda basics");
        publish(INSTRUCTOR, lambda, cover(INSTRUCTOR, lambda, lambdaCourse, 0xE07A1F));

        ObjectNode dynamoCourse = course("DynamoDB single-table design", "databases", List.of("aws", "dynamodb", "data-modeling"),
                "advanced", "Access patterns first: keys, indexes, streams and exactly-once aggregates.");
        String dynamo = create(INSTRUCTOR, dynamoCourse);
        lesson(INSTRUCTOR, dynamo, "Start from the access patterns", 20);
        lesson(INSTRUCTOR, dynamo, "Sparse indexes", 15);
        publish(INSTRUCTOR, dynamo, cover(INSTRUCTOR, dynamo, dynamoCourse, 0x2E5EAA));

        ObjectNode quarkusCourse = course("Quarkus for the impatient", "programming", List.of("java", "quarkus"), "beginner",
                "A first Quarkus REST service, tested for real.");
        String quarkus = create(INSTRUCTOR_2, quarkusCourse);
        lesson(INSTRUCTOR_2, quarkus, "Your first endpoint", 10);
        publish(INSTRUCTOR_2, quarkus, cover(INSTRUCTOR_2, quarkus, quarkusCourse, 0x4A9D5B));
        String draft = create(INSTRUCTOR_2, course("Event-driven design (draft)", "architecture", List.of("events"), "all-levels",
                "Not published yet: only its author and admins see it."));
        lesson(INSTRUCTOR_2, draft, "Events versus commands", 8);

        for (DevIdentity.User student : List.of(STUDENT, STUDENT_2, STUDENT_3)) {
            call(student, "POST", "/enroll/" + lambda, null);
        }
        call(STUDENT, "POST", "/enroll/" + dynamo, null);
        call(STUDENT_2, "POST", "/enroll/" + quarkus, null);
        for (String lessonId : lambdaLessons) {
            call(STUDENT, "PUT", "/progress/" + lambda + "/" + lessonId, null);
        }
        ObjectNode answers = json.createObjectNode();
        ObjectNode chosen = answers.putObject("answers");
        quizLesson.path("quiz").path("questions").forEach(q -> chosen.put(q.path("id").asText(), q.path("correctOption").asInt()));
        call(STUDENT, "POST", "/progress/" + lambda + "/" + quizLesson.path("id").asText() + "/quiz", answers);
        review(STUDENT, lambda, 5, "Exactly what I needed", "Clear steps from cold start to warm latency.");
        review(STUDENT_2, lambda, 4, "Solid", "The AOT cache lesson alone was worth it.");
        review(STUDENT_3, lambda, 5, "Great course", null);
        review(STUDENT, dynamo, 4, "Dense but good", null);
        review(STUDENT_2, quarkus, 5, "Friendly start", null);
        return calls;
    }

    /** A course's editable fields: the body that creates it, and (a PUT replaces them all) the base of every edit. */
    private ObjectNode course(String title, String category, List<String> tags, String level, String description) {
        ObjectNode body = json.createObjectNode();
        body.put("title", title);
        body.put("description", description);
        body.put("category", category);
        tags.forEach(body.putArray("tags")::add);
        body.put("level", level);
        return body;
    }

    private String create(DevIdentity.User author, ObjectNode course) throws IOException, InterruptedException {
        return call(author, "POST", "/courses", course).path("id").asText();
    }

    /**
     * Gives a course as created a 320 x 180 cover in one colour: the grant, the upload to the local S3 with the grant's
     * URL and headers, then the edit that attaches it (checked against the stored file). Returns the course's new version.
     */
    private long cover(DevIdentity.User author, String courseId, ObjectNode course, int rgb) throws IOException, InterruptedException {
        byte[] png = SampleMedia.png(320, 180, rgb);
        ObjectNode request = json.createObjectNode().put("kind", "cover").put("contentType", "image/png").put("contentLength", png.length);
        String key = SampleMedia.uploadGranted(call(author, "POST", "/courses/" + courseId + "/assets", request), png);
        ObjectNode edit = course.deepCopy().put("coverImageKey", key).put("version", 1);
        return call(author, "PUT", "/courses/" + courseId, edit).path("version").asLong();
    }

    private String lesson(DevIdentity.User author, String courseId, String title, int minutes)
            throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.put("title", title);
        body.put("summary", "What \"" + title + "\" covers.");
        body.put("content", "# " + title + "\n\nLesson text for the local demo.");
        body.put("durationMinutes", minutes);
        return call(author, "POST", "/courses/" + courseId + "/lessons", body).path("id").asText();
    }

    private ObjectNode lessonWithQuiz(DevIdentity.User author, String courseId, String title) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.put("title", title);
        body.put("summary", "Three questions; 60% passes.");
        ObjectNode quiz = body.putObject("quiz");
        quiz.put("passMark", 60);
        var questions = quiz.putArray("questions");
        question(questions.addObject(), "What polls the runtime API in a JVM function?", 1,
                "The handler", "The runtime interface client", "API Gateway");
        question(questions.addObject(), "Which JDK 25 feature cuts class loading at start?", 0,
                "The AOT cache", "The JIT", "Virtual threads");
        question(questions.addObject(), "Where does a Lambda function's init time go?", 2,
                "Nowhere", "Only the network", "Class loading and framework start");
        return (ObjectNode) call(author, "POST", "/courses/" + courseId + "/lessons", body);
    }

    private static void question(ObjectNode question, String prompt, int correct, String... options) {
        question.put("prompt", prompt);
        for (String option : options) {
            question.withArray("options").add(option);
        }
        question.put("correctOption", correct);
    }

    /** Publishes a course at {@code version}, named as every change to an existing course must name the one it is based on. */
    private void publish(DevIdentity.User author, String courseId, long version) throws IOException, InterruptedException {
        call(author, "POST", "/courses/" + courseId + "/publish", json.createObjectNode().put("version", version));
    }

    private void review(DevIdentity.User student, String courseId, int rating, String title, String text)
            throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.put("rating", rating);
        body.put("title", title);
        if (text != null) {
            body.put("text", text);
        }
        call(student, "POST", "/reviews/" + courseId, body);
    }

    private JsonNode call(DevIdentity.User user, String method, String path, JsonNode body) throws IOException, InterruptedException {
        calls++;
        HttpResponse<String> response = gateway.send(tokens.get(user), method, path, body == null ? null : body.toString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("seeding failed: " + method + " " + path + " answered " + response.statusCode()
                    + " " + response.body());
        }
        return gateway.read(response.body());
    }
}
