package dev.skillforge.local;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The hostile-user suite, through the local cloud's single port (API Gateway emulation, JWT authorizer, Lambda
 * runtime path, dynalite): forged and broken tokens, every route against every role and against users who do not own
 * the object, mass assignment, malformed and extreme input. Each case expects a clean 4xx (never a 2xx for a
 * refusal, never a 5xx, never a stack trace or an internal name) and, where it tries to change something, checks that
 * nothing changed. The table of what was tried is written to docs/security.md.
 */
class AdversarialIT {

    private static final Pattern LEAKS = Pattern.compile(
            "Exception|\\bat [a-z]+\\.[a-z]+\\.|software\\.amazon|dynamodb|DynamoDb|PK#|GSI\\d|jakarta\\.|io\\.quarkus|stack", Pattern.CASE_INSENSITIVE);
    private static final Set<Integer> REFUSED = Set.of(401, 403, 404);

    private static LocalCloud cloud;
    private static final List<String[]> ROWS = new ArrayList<>();
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();
    private static String course;
    private static String draft;
    private static String lesson;
    private static String quizLesson;
    private static String quizQuestion;

    @BeforeAll
    static void startAndSeed() throws Exception {
        Path root = Path.of(System.getProperty("skillforge-test.root", "../..")).toAbsolutePath().normalize();
        Path state = root.resolve("tools/local-cloud/target/local-cloud-adversarial");
        Files.createDirectories(state);
        cloud = LocalCloud.start(new LocalCloud.Options(root, state, 0, true, null, false, false), line -> { });
        DevIdentity identity = cloud.identity();
        for (DevIdentity.User user : List.of(new DevIdentity.User("owner", "Olga Owner", "instructor"),
                new DevIdentity.User("other-instructor", "Ivan Other", "instructor"),
                new DevIdentity.User("learner", "Lena Learner", "student"),
                new DevIdentity.User("other-learner", "Otto Other", "student"),
                new DevIdentity.User("root", "Ada Admin", "admin"))) {
            TOKENS.put(user.id(), identity.token(user, 60));
        }
        course = as("owner").contentType(ContentType.JSON)
                .body(Map.of("title", "Owned course", "category", "security", "tags", List.of("owned")))
                .post("/courses").then().statusCode(201).extract().path("id");
        lesson = as("owner").contentType(ContentType.JSON).body(Map.of("title", "Secret lesson", "content", "only for learners"))
                .post("/courses/" + course + "/lessons").then().statusCode(201).extract().path("id");
        Response quiz = as("owner").contentType(ContentType.JSON).body(Map.of("title", "Quiz", "quiz", Map.of("passMark", 50,
                "questions", List.of(Map.of("prompt", "1+1?", "options", List.of("2", "3"), "correctOption", 0)))))
                .post("/courses/" + course + "/lessons");
        quizLesson = quiz.path("id");
        quizQuestion = quiz.path("quiz.questions[0].id");
        as("owner").contentType(ContentType.JSON).post("/courses/" + course + "/publish").then().statusCode(200);
        draft = as("owner").contentType(ContentType.JSON).body(Map.of("title", "Draft course", "category", "security"))
                .post("/courses").then().statusCode(201).extract().path("id");
        as("learner").post("/enroll/" + course).then().statusCode(201);
        as("learner").put("/progress/" + course + "/" + lesson).then().statusCode(200);
        as("learner").contentType(ContentType.JSON).body(Map.of("rating", 4, "title", "Mine"))
                .post("/reviews/" + course).then().statusCode(201);
    }

    @AfterAll
    static void writeTableAndStop() throws Exception {
        if (cloud != null) {
            cloud.close();
        }
        Path root = Path.of(System.getProperty("skillforge-test.root", "../..")).toAbsolutePath().normalize();
        StringBuilder md = new StringBuilder("# Security: what the adversarial suite tries\n\n");
        md.append("Generated by `AdversarialIT` (tools/local-cloud, run by `./mvnw verify`) through the local cloud's single port: ")
                .append("API Gateway emulation with the JWT authorizer, each function in Lambda mode, dynalite. Every case must get ")
                .append("the expected answer, no 5xx, and no stack trace or internal name in the body; cases that try to change ")
                .append("something also check that nothing changed. Do not edit by hand.\n\n");
        Map<String, Integer> counts = new LinkedHashMap<>();
        ROWS.forEach(row -> counts.merge(row[0], 1, Integer::sum));
        md.append("| category | cases |\n| --- | ---: |\n");
        counts.forEach((category, n) -> md.append("| ").append(category).append(" | ").append(n).append(" |\n"));
        md.append("\n| category | case | request | expected | answered |\n| --- | --- | --- | --- | --- |\n");
        for (String[] row : ROWS) {
            md.append("| ").append(String.join(" | ", List.of(row).stream().map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
        }
        Files.writeString(root.resolve("docs/security.md"), md, StandardCharsets.UTF_8);
    }

    private static RequestSpecification as(String user) {
        return given().baseUri(cloud.baseUri().toString()).header("Authorization", "Bearer " + TOKENS.get(user));
    }

    private static RequestSpecification anonymous() {
        return given().baseUri(cloud.baseUri().toString());
    }

    private static RequestSpecification withToken(String token) {
        return given().baseUri(cloud.baseUri().toString()).header("Authorization", "Bearer " + token);
    }

    /** Checks one answer: status among the expected ones, no leak; records the row. */
    private static Response expect(String category, String name, String request, Set<Integer> expected, Response response) {
        int status = response.statusCode();
        String body = response.asString();
        ROWS.add(new String[] { category, name, request, expected.toString().replace("[", "").replace("]", "").replace(", ", "/"),
                Integer.toString(status) });
        assertTrue(expected.contains(status), category + " / " + name + ": " + request + " answered " + status + " " + body);
        assertTrue(status < 500, name + " answered " + status);
        assertTrue(!LEAKS.matcher(body).find(), name + " leaks internals: " + body);
        return response;
    }

    private static RequestSpecification withBody(RequestSpecification spec, Map<String, Object> body) {
        spec.contentType(ContentType.JSON);
        return body == null ? spec : spec.body(body);
    }

    private static int catalogSize() {
        return anonymous().queryParam("limit", 100).get("/courses").path("items.size()");
    }

    // ---------------------------------------------------------------- authentication

    @Test
    void brokenAndForgedTokensGet401AndChangeNothing() throws Exception {
        JwtClaims base = new JwtClaims();
        base.setIssuer(DevIdentity.ISSUER);
        base.setAudience(DevIdentity.AUDIENCE);
        base.setSubject("mallory");
        base.setIssuedAtToNow();
        base.setExpirationTimeMinutesInTheFuture(10);
        base.setStringListClaim("cognito:groups", List.of("admin"));

        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("no token", null);
        forged.put("malformed token", "not.a.token");
        forged.put("random bytes", Base64.getUrlEncoder().encodeToString(new byte[64]));
        forged.put("alg none", unsigned(base));
        forged.put("HS256 signed with the public key", hs256WithPublicKey(base));
        forged.put("wrong issuer", signed(with(base, claims -> claims.setIssuer("https://evil.example/issuer")), DevIdentity.KEY_ID));
        forged.put("wrong audience", signed(with(base, claims -> claims.setAudience("someone-else")), DevIdentity.KEY_ID));
        forged.put("expired", signed(with(base, claims -> claims.setExpirationTime(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 - 600))),
                DevIdentity.KEY_ID));
        forged.put("not yet valid", signed(with(base, claims -> claims.setNotBefore(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 + 3600))),
                DevIdentity.KEY_ID));
        forged.put("unknown key id", signed(base, "another-key"));
        forged.put("signed by another key", foreignKey(base));

        int before = catalogSize();
        for (Map.Entry<String, String> token : forged.entrySet()) {
            RequestSpecification spec = token.getValue() == null ? anonymous() : withToken(token.getValue());
            expect("authentication", token.getKey(), "POST /courses", Set.of(401), spec.contentType(ContentType.JSON)
                    .body(Map.of("title", "Forged", "category", "security")).post("/courses"));
            RequestSpecification again = token.getValue() == null ? anonymous() : withToken(token.getValue());
            expect("authentication", token.getKey(), "GET /admin/audit", Set.of(401), again.get("/admin/audit"));
            if (token.getValue() != null) {
                // Public routes have no authorizer: the function verifies a token that is sent and refuses a bad one.
                expect("authentication", token.getKey(), "GET /courses (public)", Set.of(401), withToken(token.getValue()).get("/courses"));
            }
        }
        assertEquals(before, catalogSize(), "no course was created");
    }

    private interface ClaimsEdit {
        void apply(JwtClaims claims) throws Exception;
    }

    private static JwtClaims with(JwtClaims base, ClaimsEdit edit) throws Exception {
        JwtClaims copy = JwtClaims.parse(base.toJson());
        edit.apply(copy);
        return copy;
    }

    private static String signed(JwtClaims claims, String keyId) throws Exception {
        Path keys = Path.of(System.getProperty("skillforge-test.root", "../..")).toAbsolutePath().normalize()
                .resolve("tools/local-cloud/target/local-cloud-adversarial/dev-keys/private.pk8");
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("RSA")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(Files.readAllBytes(keys)));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue(keyId);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static String foreignKey(JwtClaims claims) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(generator.generateKeyPair().getPrivate());
        jws.setKeyIdHeaderValue(DevIdentity.KEY_ID);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static String unsigned(JwtClaims claims) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.toJson().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static String hs256WithPublicKey(JwtClaims claims) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(new HmacKey(cloud.identity().publicKey().getEncoded()));
        jws.setKeyIdHeaderValue(DevIdentity.KEY_ID);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setDoKeyValidation(false);
        return jws.getCompactSerialization();
    }

    // ---------------------------------------------------------------- authorization

    @Test
    void everyRouteRefusesWhoeverMayNotUseIt() {
        Set<Integer> unauthenticated = Set.of(401);
        // route, a body that would be valid for it, and the users who must be refused (anonymous: every token route)
        String question = quizQuestion == null ? "q1" : quizQuestion;
        Map<String, Object> courseEdit = Map.of("title", "Taken over", "category", "security", "version", 2);
        Map<String, Object> lessonEdit = Map.of("title", "Changed", "version", 1);
        List<Object[]> matrix = List.of(
                new Object[] { "POST", "/courses", Map.of("title", "Taken over", "category", "security"), List.of("learner", "other-learner") },
                new Object[] { "PUT", "/courses/" + course, courseEdit, List.of("learner", "other-instructor") },
                new Object[] { "DELETE", "/courses/" + course, null, List.of("learner", "other-instructor") },
                new Object[] { "POST", "/courses/" + course + "/publish", null, List.of("learner", "other-instructor") },
                new Object[] { "POST", "/courses/" + course + "/unpublish", null, List.of("learner", "other-instructor") },
                new Object[] { "POST", "/courses/" + course + "/lessons", Map.of("title", "Injected"), List.of("learner", "other-instructor") },
                new Object[] { "PUT", "/courses/" + course + "/lessons/order", Map.of("lessonIds", List.of(quizLesson, lesson)),
                        List.of("learner", "other-instructor") },
                new Object[] { "PUT", "/courses/" + course + "/lessons/" + lesson, lessonEdit, List.of("learner", "other-instructor") },
                new Object[] { "DELETE", "/courses/" + course + "/lessons/" + lesson, null, List.of("learner", "other-instructor") },
                new Object[] { "PUT", "/lessons/" + lesson, lessonEdit, List.of("learner", "other-instructor") },
                new Object[] { "POST", "/courses/" + course + "/assets", Map.of("kind", "cover", "contentType", "image/png", "contentLength", 10),
                        List.of("learner", "other-instructor") },
                new Object[] { "GET", "/courses/" + draft, null, List.of("learner", "other-instructor") },
                new Object[] { "GET", "/courses/" + course + "/enrollments", null, List.of("learner", "other-learner", "other-instructor") },
                new Object[] { "DELETE", "/courses/" + course + "/enrollments/learner", null, List.of("other-learner", "other-instructor") },
                new Object[] { "DELETE", "/enroll/" + course, null, List.of("other-learner") },
                new Object[] { "GET", "/admin/users?role=student", null, List.of("learner", "owner") },
                new Object[] { "GET", "/admin/audit", null, List.of("learner", "owner") },
                new Object[] { "PUT", "/progress/" + course + "/" + lesson, null, List.of("other-learner") },
                new Object[] { "POST", "/progress/" + course + "/" + quizLesson + "/quiz", Map.of("answers", Map.of(question, 0)),
                        List.of("other-learner") },
                new Object[] { "GET", "/me/progress/" + course, null, List.of("other-learner") },
                new Object[] { "POST", "/reviews/" + course, Map.of("rating", 1, "title", "Sabotage"), List.of("other-learner") },
                new Object[] { "PUT", "/reviews/" + course, Map.of("rating", 1, "version", 1), List.of("other-learner") },
                new Object[] { "DELETE", "/reviews/" + course, null, List.of("other-learner") },
                new Object[] { "DELETE", "/reviews/" + course + "/learner", null, List.of("other-learner", "other-instructor", "owner") });
        for (Object[] row : matrix) {
            String method = (String) row[0];
            String path = (String) row[1];
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) row[2];
            boolean publicRoute = method.equals("GET") && path.startsWith("/courses/" + draft);
            if (!publicRoute) {
                expect("authorization", "anonymous", method + " " + path, unauthenticated, withBody(anonymous(), body).request(method, path));
            }
            @SuppressWarnings("unchecked")
            List<String> refused = (List<String>) row[3];
            for (String user : refused) {
                expect("authorization", user, method + " " + path, REFUSED, withBody(as(user), body).request(method, path));
            }
        }
        // Nothing of the owner's or the learner's was changed or taken.
        as("owner").get("/courses/" + course).then().statusCode(200).body("title", org.hamcrest.Matchers.equalTo("Owned course"))
                .body("status", org.hamcrest.Matchers.equalTo("published"));
        as("learner").get("/me/progress/" + course).then().statusCode(200).body("completedLessons", org.hamcrest.Matchers.equalTo(1));
        anonymous().get("/courses/" + course + "/reviews").then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(1));
        // Lesson bodies and the answer key are for enrolled learners and the author only.
        String outline = expect("authorization", "other-learner", "GET /courses/{id}/lessons (not enrolled)", Set.of(200),
                as("other-learner").get("/courses/" + course + "/lessons")).asString();
        assertTrue(!outline.contains("only for learners") && !outline.contains("correctOption"), outline);
        String enrolled = expect("authorization", "learner", "GET /courses/{id}/lessons (enrolled)", Set.of(200),
                as("learner").get("/courses/" + course + "/lessons")).asString();
        assertTrue(enrolled.contains("only for learners") && !enrolled.contains("correctOption"), enrolled);
        // Another learner's own lists never show the first learner's data.
        String others = expect("authorization", "other-learner", "GET /me/enrollments", Set.of(200),
                as("other-learner").get("/me/enrollments")).asString();
        assertTrue(!others.contains(course), others);
    }

    // ---------------------------------------------------------------- mass assignment

    @Test
    void bodiesCannotSetWhatTheServerOwns() {
        List<Object[]> attempts = List.of(
                new Object[] { "owner", "POST", "/courses", Map.of("title", "Mine now", "category", "security", "ownerId", "mallory") },
                new Object[] { "owner", "POST", "/courses", Map.of("title", "Mine now", "category", "security", "instructorId", "mallory") },
                new Object[] { "owner", "POST", "/courses", Map.of("title", "Mine now", "category", "security", "status", "published") },
                new Object[] { "owner", "POST", "/courses", Map.of("title", "Mine now", "category", "security", "id", "chosen-id") },
                new Object[] { "owner", "POST", "/courses", Map.of("title", "Mine now", "category", "security", "createdAt", "2020-01-01T00:00:00Z") },
                new Object[] { "owner", "POST", "/courses", Map.of("title", "Mine now", "category", "security", "reviewCount", 1000) },
                new Object[] { "owner", "POST", "/courses", Map.of("title", "Mine now", "category", "security", "average", 5) },
                new Object[] { "owner", "PUT", "/courses/" + course, Map.of("title", "Owned course", "category", "security", "version", 99,
                        "status", "draft") },
                new Object[] { "learner", "PUT", "/me", Map.of("name", "Lena", "roles", List.of("admin")) },
                new Object[] { "learner", "PUT", "/me", Map.of("name", "Lena", "role", "admin") },
                new Object[] { "learner", "PUT", "/me", Map.of("name", "Lena", "email", "ceo@example.com") },
                new Object[] { "learner", "PUT", "/reviews/" + course, Map.of("rating", 5, "version", 1, "userId", "other-learner") },
                new Object[] { "learner", "PUT", "/reviews/" + course, Map.of("rating", 5, "version", 1, "courseId", draft) },
                new Object[] { "owner", "POST", "/courses/" + course + "/lessons", Map.of("title", "L", "id", "chosen", "position", 0) },
                new Object[] { "learner", "POST", "/progress/" + course + "/" + quizLesson + "/quiz",
                        Map.of("answers", Map.of(quizQuestion == null ? "q1" : quizQuestion, 0), "score", 100, "passed", true) });
        int before = catalogSize();
        for (Object[] attempt : attempts) {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) attempt[3];
            String extra = body.keySet().stream().filter(key -> !Set.of("title", "category", "name", "rating", "version", "answers").contains(key))
                    .findFirst().orElse("?");
            expect("mass assignment", "sets " + extra, attempt[1] + " " + attempt[2], Set.of(400),
                    as((String) attempt[0]).contentType(ContentType.JSON).body(body).request((String) attempt[1], (String) attempt[2]));
        }
        assertEquals(before, catalogSize(), "no course was created");
        as("owner").get("/courses/" + course).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("published"))
                .body("instructorId", org.hamcrest.Matchers.equalTo("owner"));
        as("learner").get("/me").then().statusCode(200).body("role", org.hamcrest.Matchers.not("admin"));
    }

    // ---------------------------------------------------------------- input

    @Test
    void malformedAndExtremeInputGetsAClean4xx() {
        String huge = "x".repeat(100_000);
        StringBuilder deep = new StringBuilder();
        deep.append("[".repeat(5_000)).append("]".repeat(5_000));
        List<Object[]> cases = List.of(
                new Object[] { "malformed JSON", "POST", "/courses", "{\"title\": \"A\", ", Set.of(400) },
                new Object[] { "JSON array instead of object", "POST", "/courses", "[1,2,3]", Set.of(400) },
                new Object[] { "wrong types", "POST", "/courses", "{\"title\": 12, \"category\": [\"x\"]}", Set.of(400) },
                new Object[] { "title of 100,000 characters", "POST", "/courses", "{\"title\":\"" + huge + "\",\"category\":\"security\"}", Set.of(400) },
                new Object[] { "deeply nested value", "POST", "/courses", "{\"title\":\"Deep\",\"category\":\"security\",\"tags\":" + deep + "}", Set.of(400) },
                new Object[] { "control characters", "POST", "/courses", "{\"title\":\"Bell\\u0007 and NUL\\u0000\",\"category\":\"security\"}", Set.of(400) },
                new Object[] { "lone surrogate", "POST", "/courses", "{\"title\":\"Broken \\ud800 text\",\"category\":\"security\"}", Set.of(400) },
                new Object[] { "right-to-left override in a slug", "POST", "/courses", "{\"title\":\"Fine\",\"category\":\"sec\\u202eurity\"}", Set.of(400) },
                new Object[] { "rating out of range", "PUT", "/reviews/" + course, "{\"rating\": 6, \"version\": 1}", Set.of(400) },
                new Object[] { "negative quiz answer", "POST", "/progress/" + course + "/" + quizLesson + "/quiz",
                        "{\"answers\": {\"" + quizQuestion + "\": -1}}", Set.of(400) },
                new Object[] { "7 MB body", "POST", "/courses", "{\"title\":\"" + "y".repeat(7 * 1024 * 1024) + "\"}", Set.of(413) });
        int before = catalogSize();
        for (Object[] c : cases) {
            String user = ((String) c[2]).startsWith("/reviews") || ((String) c[2]).startsWith("/progress") ? "learner" : "owner";
            @SuppressWarnings("unchecked")
            Set<Integer> expected = (Set<Integer>) c[4];
            expect("input", (String) c[0], c[1] + " " + c[2], expected,
                    as(user).contentType(ContentType.JSON).body((String) c[3]).request((String) c[1], (String) c[2]));
        }
        assertEquals(before, catalogSize(), "no course was created");

        for (String limit : List.of("-1", "0", "101", "1000000000000", "ten", "1e3")) {
            expect("input", "limit=" + limit, "GET /courses", Set.of(400), anonymous().queryParam("limit", limit).get("/courses"));
        }
        String cursor = anonymous().queryParam("limit", 1).get("/courses/" + course + "/reviews").path("nextCursor");
        String realCursor = anonymous().queryParam("limit", 1).get("/courses").path("nextCursor");
        for (Map.Entry<String, String> bad : Map.of(
                "tampered cursor", realCursor == null ? "eyJ4IjoxfQ" : realCursor.substring(0, realCursor.length() - 2) + "AA",
                "cursor of another list", realCursor == null ? "eyJ4IjoxfQ" : realCursor,
                "garbage cursor", "%%%not-base64%%%").entrySet()) {
            expect("input", bad.getKey(), "GET /courses/{id}/reviews", Set.of(400),
                    anonymous().queryParam("cursor", bad.getValue()).get("/courses/" + course + "/reviews"));
        }
        assertTrue(cursor == null || !cursor.isEmpty());
        for (String id : List.of("COURSE%23" + course, course + "%23META", "x%22%20OR%20attribute_exists(PK)", "%3Aid", "..%2F..%2Fadmin")) {
            expect("input", "path parameter " + java.net.URLDecoder.decode(id, StandardCharsets.UTF_8), "GET /courses/{id}",
                    Set.of(400, 404), given().baseUri(cloud.baseUri().toString()).urlEncodingEnabled(false).get("/courses/" + id));
        }
        expect("input", "unknown route", "GET /courses/" + course + "/secrets", Set.of(404),
                anonymous().get("/courses/" + course + "/secrets"));
    }
}
