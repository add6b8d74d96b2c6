package dev.skillforge.local;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.skillforge.local.identity.DevIdentity;

/**
 * The HTTP contract, driven from docs/openapi.json through the local cloud's single port (API Gateway emulation with
 * the stack's routes, JWT authorizer and CORS configuration; each function in Lambda mode from its package). Every
 * operation the document lists is called, and each rule of docs/problems.md is checked on every operation it applies
 * to: preconditions (428/412/409, RFC 9110 If-Match), hidden courses (404, identical to a course that does not exist),
 * strict input (types, duplicate keys, trailing content, invalid UTF-8, 415), methods (405 with Allow, 404 problem for
 * unknown paths), HEAD, CORS preflight, 201 with the Location of the created resource, opaque cursors and paging that
 * returns each item once while the list changes. An operation added to the document without a fixture here fails the
 * suite, so a new route cannot skip the contract.
 */
class OpenApiContractIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = "application/problem+json";
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH");
    /** Changes to an existing object: each needs the caller's expected version (If-Match or `version`). */
    private static final Set<String> PRECONDITIONED = Set.of(
            "PUT /courses/{}", "DELETE /courses/{}", "POST /courses/{}/publish", "POST /courses/{}/unpublish",
            "PUT /courses/{}/lessons/{}", "DELETE /courses/{}/lessons/{}", "PUT /lessons/{}", "PUT /courses/{}/lessons/order",
            "PUT /me", "PUT /reviews/{}", "DELETE /reviews/{}", "DELETE /reviews/{}/{}");

    private static LocalCloud cloud;
    private static JsonNode openApi;
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();
    private static String webOrigin;
    private static World shared;

    /** One course world: a published course with two lessons (one a quiz), a draft, an unpublished course, a learner's progress and review. */
    record World(String course, String lesson, String quizLesson, String quizQuestion, String draft, String unpublished) {
    }

    /** One request: who sends it, method, concrete path, JSON body (or null) and extra headers. */
    record Call(String user, String method, String path, String body, Map<String, String> headers) {

        Call withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Call(user, method, path, body, more);
        }

        Call withBody(String newBody) {
            return new Call(user, method, path, newBody, headers);
        }

        Call withPath(String newPath) {
            return new Call(user, method, newPath, body, headers);
        }

        Call withUser(String newUser) {
            return new Call(newUser, method, path, body, headers);
        }

        String describe() {
            return method + " " + path + " as " + (user == null ? "anonymous" : user);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        // Bodies go out as the bytes given, whatever Content-Type they are labelled with (RestAssured would encode a form).
        RestAssured.config = RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                .encodeContentTypeAs("application/x-www-form-urlencoded", io.restassured.http.ContentType.BINARY)
                .encodeContentTypeAs("text/plain", io.restassured.http.ContentType.BINARY)
                .encodeContentTypeAs("application/xml", io.restassured.http.ContentType.BINARY));
        openApi = JSON.readTree(TestClouds.root().resolve("docs/openapi.json").toFile());
        webOrigin = stackWebOrigin();
        cloud = TestClouds.start("local-cloud-contract", false, line -> { });
        TOKENS.putAll(TestClouds.tokens(cloud.identity(), 120, new DevIdentity.User("third-learner", "Thea Third", "student")));
        shared = world("Shared");
    }

    @AfterAll
    static void stop() {
        TestClouds.stop(cloud);
        RestAssured.reset();
    }

    // ------------------------------------------------------------------------------------------------ the document

    @Test
    void theDocumentStatesTheRulesOnEveryOperation() {
        List<String> missing = new ArrayList<>();
        forEachOperation(true, (op, operation) -> {
            Set<String> statuses = new TreeSet<>();
            operation.path("responses").fieldNames().forEachRemaining(statuses::add);
            // Every operation's path answers other methods with 405 and Allow; a generated client learns it per operation.
            require(missing, op, statuses, "405");
            // Any route reads a body and an Accept it is sent (JsonBodies, RequestBodyLimit, negotiation), and API
            // Gateway answers for itself: every operation lists those answers.
            require(missing, op, statuses, "401", "406", "413", "415", "429", "500", "502", "503");
            if (operation.path("responses").path("200").has("content") && op.startsWith("GET ")) {
                require(missing, op, statuses, "304", "412");
            }
            if (operation.has("requestBody")) {
                require(missing, op, statuses, "400", "415");
            }
            if (PRECONDITIONED.contains(op)) {
                require(missing, op, statuses, "409", "412", "428");
                boolean ifMatch = false;
                for (JsonNode parameter : operation.path("parameters")) {
                    ifMatch |= parameter.path("in").asText().equals("header") && parameter.path("name").asText().equalsIgnoreCase("If-Match");
                }
                if (!ifMatch) {
                    missing.add(op + " documents no If-Match header");
                }
            }
            if (statuses.contains("201") && !operation.path("responses").path("201").path("headers").has("Location")) {
                missing.add(op + " answers 201 without a documented Location header");
            }
            if (hasParameter(operation, "path", null) && !statuses.contains("404")) {
                missing.add(op + " names an object but documents no 404");
            }
        });
        assertEquals(List.of(), missing);
    }

    // ------------------------------------------------------------------------------------------------ methods, HEAD, unknown paths

    @Test
    void aKnownPathWithAnotherMethodIs405WithAllow() {
        openApi.path("paths").fieldNames().forEachRemaining(template -> {
            String path = concretePath(template, shared);
            // A concrete path can match several templates (/courses/search also matches /courses/{courseId}), as it does for
            // API Gateway's route selection: what it allows is every method of every template it matches.
            Set<String> served = new TreeSet<>();
            openApi.path("paths").fields().forEachRemaining(other -> {
                if (path.matches(other.getKey().replaceAll("\\{[^}]+}", "[^/]+"))) {
                    other.getValue().fieldNames().forEachRemaining(method -> served.add(method.toUpperCase(Locale.ROOT)));
                }
            });
            served.retainAll(METHODS);
            if (served.contains("GET")) {
                served.add("HEAD");
            }
            for (String method : METHODS) {
                if (served.contains(method)) {
                    continue;
                }
                Response response = send(new Call(null, method, path, null, Map.of()));
                String where = method + " " + template;
                assertEquals(405, response.statusCode(), where + ": " + response.asString());
                if (!method.equals("HEAD")) {
                    assertProblem(response, "/problems/method-not-allowed", where);
                }
                String allow = response.header("Allow");
                assertNotNull(allow, where + " has no Allow header");
                Set<String> allowed = new TreeSet<>();
                Arrays.stream(allow.split(",")).map(String::trim).filter(name -> !name.isEmpty()).forEach(allowed::add);
                allowed.remove("OPTIONS");
                assertEquals(served, allowed, where + ": Allow");
            }
        });
    }

    @Test
    void unknownPathsAre404Problems() {
        for (String path : List.of("/nothing-here", "/courses/" + shared.course() + "/nothing/here/either", "/me/secrets")) {
            for (String method : List.of("GET", "POST", "DELETE")) {
                Response response = send(new Call("learner", method, path, null, Map.of()));
                assertEquals(404, response.statusCode(), method + " " + path);
                assertProblem(response, "/problems/not-found", method + " " + path);
            }
        }
    }

    @Test
    void headAnswersLikeGetWithoutABody() {
        forEachOperation((op, operation) -> {
            if (!op.startsWith("GET ")) {
                return;
            }
            Call get = happy(op, shared);
            Response full = send(get);
            Response head = send(new Call(get.user(), "HEAD", get.path(), null, get.headers()));
            assertEquals(full.statusCode(), head.statusCode(), "HEAD " + op);
            assertEquals(0, head.asByteArray().length, "HEAD " + op + " has a body");
            for (String header : List.of("ETag", "Cache-Control", "Content-Type", "Vary")) {
                assertEquals(full.header(header), head.header(header), "HEAD " + op + ": " + header);
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ CORS

    @Test
    void corsPreflightIsAnsweredAsTheStackConfiguresIt() {
        forEachOperation((op, operation) -> {
            Call call = happy(op, shared);
            Response allowed = given().baseUri(cloud.baseUri().toString()).header("Origin", webOrigin)
                    .header("Access-Control-Request-Method", call.method())
                    .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
                    .options(call.path());
            assertEquals(204, allowed.statusCode(), "preflight " + op);
            assertEquals(webOrigin, allowed.header("Access-Control-Allow-Origin"), "preflight " + op);
            String methods = allowed.header("Access-Control-Allow-Methods");
            assertNotNull(methods, "preflight " + op + " allows no method");
            assertTrue(methods.contains("*") || methods.toUpperCase(Locale.ROOT).contains(call.method()), "preflight " + op + ": " + methods);
            String headers = String.valueOf(allowed.header("Access-Control-Allow-Headers")).toLowerCase(Locale.ROOT);
            for (String header : List.of("authorization", "content-type", "if-match")) {
                assertTrue(headers.contains(header) || headers.contains("*"), "preflight " + op + " allows " + headers);
            }
            Response foreign = given().baseUri(cloud.baseUri().toString()).header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", call.method()).options(call.path());
            assertNull(foreign.header("Access-Control-Allow-Origin"), "preflight " + op + " from a foreign origin");
        });
        Response actual = given().baseUri(cloud.baseUri().toString()).header("Origin", webOrigin).get("/courses");
        assertEquals(200, actual.statusCode());
        assertEquals(webOrigin, actual.header("Access-Control-Allow-Origin"));
        assertTrue(String.valueOf(actual.header("Access-Control-Expose-Headers")).toLowerCase(Locale.ROOT).contains("etag"));
        assertNull(given().baseUri(cloud.baseUri().toString()).header("Origin", "https://evil.example").get("/courses")
                .header("Access-Control-Allow-Origin"));
    }

    // ------------------------------------------------------------------------------------------------ strict input

    @Test
    void strictInputOnEveryBodyChangesNothing() throws Exception {
        World world = world("Strict");
        String before = snapshot(world);
        forEachOperation((op, operation) -> {
            if (!operation.has("requestBody")) {
                return;
            }
            Call call = withVersion(op, happy(op, world), world);
            if (call.body() == null && PRECONDITIONED.contains(op)) {
                // publish, unpublish and the deletes take their version in an optional body: the one that agrees with If-Match
                call = call.withBody("{\"version\":" + call.headers().get("If-Match").replace("\"", "") + "}");
            }
            String body = call.body();
            assertNotNull(body, op + " takes a body but its fixture has none");
            Map<String, byte[]> broken = new LinkedHashMap<>();
            broken.put("trailing content", (body + " {}").getBytes(StandardCharsets.UTF_8));
            broken.put("duplicate key", duplicateFirstKey(body).getBytes(StandardCharsets.UTF_8));
            broken.put("invalid UTF-8", invalidUtf8(body));
            for (Map.Entry<String, byte[]> bad : broken.entrySet()) {
                Response response = sendRaw(call, "application/json", bad.getValue());
                assertEquals(400, response.statusCode(), op + " with " + bad.getKey() + ": " + response.asString());
                assertProblem(response, "/problems/validation", op + " with " + bad.getKey());
            }
            for (Map.Entry<String, String> wrong : wrongTypes(operation, body)) {
                Response response = sendRaw(call, "application/json", wrong.getValue().getBytes(StandardCharsets.UTF_8));
                assertEquals(400, response.statusCode(), op + " with " + wrong.getValue() + ": " + response.asString());
                assertProblem(response, "/problems/validation", op + " with a wrong type");
                assertTrue(response.jsonPath().getList("errors.field").contains(wrong.getKey()),
                        op + " names the field " + wrong.getKey() + ": " + response.asString());
            }
            for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml")) {
                Response response = sendRaw(call, type, body.getBytes(StandardCharsets.UTF_8));
                assertEquals(415, response.statusCode(), op + " as " + type + ": " + response.asString());
                assertProblem(response, "/problems/unsupported-media-type", op + " as " + type);
            }
        });
        assertEquals(before, snapshot(world), "a refused body changed something");
    }

    /**
     * Every operation, those without a body too, refuses a body that is not JSON (415) and an Accept without JSON (406),
     * and API Gateway refuses a body over its payload limit (413, its own message): the answers the document lists on
     * each of them, which the conformance check holds them to.
     */
    @Test
    void everyOperationRefusesWhatItCannotReadOrAnswer() {
        World world = world("Negotiation");
        String before = snapshot(world);
        forEachOperation((op, operation) -> {
            Call call = happy(op, world);
            if (!operation.has("requestBody")) {
                Response text = sendRaw(call, "text/plain", "not json".getBytes(StandardCharsets.UTF_8));
                assertEquals(415, text.statusCode(), op + " with a text body: " + text.asString());
                assertProblem(text, "/problems/unsupported-media-type", op + " with a text body");
            }
            Response xml = send(call.withHeader("Accept", "application/xml"));
            assertEquals(406, xml.statusCode(), op + " accepting only XML: " + xml.asString());
            assertProblem(xml, "/problems/not-acceptable", op + " accepting only XML");
        });
        Response huge = sendRaw(call("learner", "PUT", "/me"), "application/json", new byte[7 * 1024 * 1024]);
        assertEquals(413, huge.statusCode(), huge.asString());
        assertEquals("Request Entity Too Large", huge.jsonPath().getString("message"));
        assertEquals(before, snapshot(world), "a refused request changed something");
    }

    // ------------------------------------------------------------------------------------------------ preconditions

    @Test
    void everyChangeToAnExistingObjectNeedsItsVersion() {
        forEachOperation((op, operation) -> {
            if (!PRECONDITIONED.contains(op)) {
                return;
            }
            World world = world("Precondition");
            Call call = happy(op, world);
            String before = snapshot(world);
            String etag = currentEtag(op, world);
            assertNotNull(etag, op + ": the object's GET gives no ETag");
            assertTrue(etag.startsWith("\""), op + ": the ETag is not a strong tag: " + etag);

            Response none = send(call);
            assertEquals(428, none.statusCode(), op + " without a version: " + none.asString());
            assertProblem(none, "/problems/precondition-required", op);
            for (String stale : List.of("\"999999\"", "W/" + etag, "\"999998\", \"999999\"")) {
                Response response = send(call.withHeader("If-Match", stale));
                assertEquals(412, response.statusCode(), op + " with If-Match " + stale + ": " + response.asString());
                assertProblem(response, "/problems/stale-version", op);
            }
            Response malformed = send(call.withHeader("If-Match", "3"));
            assertEquals(400, malformed.statusCode(), op + " with an unquoted If-Match");
            if (call.body() != null) {
                Response staleBody = send(call.withBody(withField(call.body(), "version", 999999)));
                assertEquals(409, staleBody.statusCode(), op + " with a stale body version: " + staleBody.asString());
                assertProblem(staleBody, "/problems/stale-version", op);
            }
            assertEquals(before, snapshot(world), op + ": a refused precondition changed something");

            // Any one of several tags may match (RFC 9110 13.1.1).
            Response applied = send(call.withHeader("If-Match", "\"999999\", " + etag));
            assertTrue(applied.statusCode() == 200 || applied.statusCode() == 204, op + " with a matching tag in a list: "
                    + applied.statusCode() + " " + applied.asString());

            World other = world("Star");
            Response star = send(happy(op, other).withHeader("If-Match", "*"));
            assertTrue(star.statusCode() == 200 || star.statusCode() == 204, op + " with If-Match *: " + star.statusCode() + " " + star.asString());
        });
    }

    // ------------------------------------------------------------------------------------------------ visibility

    @Test
    void aCourseTheCallerCannotSeeIs404EverywhereLikeOneThatDoesNotExist() {
        forEachOperation((op, operation) -> {
            if (!namesACourse(op)) {
                return;
            }
            Call call = withVersion(op, happy(op, shared), shared);
            String caller = call.user() == null ? null : call.user().equals("owner") ? "other-instructor"
                    : call.user().equals("root") ? "root" : call.user();
            if ("root".equals(caller)) {
                return;
            }
            Call asStranger = call.withUser(caller);
            Response missing = send(asStranger.withPath(replaceCourse(call.path(), UUID.randomUUID().toString())));
            for (String hidden : List.of(shared.draft(), shared.unpublished())) {
                Response response = send(asStranger.withPath(replaceCourse(call.path(), hidden)));
                String where = op + " on a hidden course as " + caller;
                assertEquals(404, response.statusCode(), where + ": " + response.asString());
                assertEquals(missing.statusCode(), response.statusCode(), where);
                assertProblem(response, "/problems/not-found", where);
                for (String field : List.of("type", "title", "detail")) {
                    assertEquals(String.valueOf(missing.jsonPath().getString(field)), String.valueOf(response.jsonPath().getString(field)),
                            where + ": " + field + " differs from a course that does not exist");
                }
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ 201 Location

    @Test
    void createdResourcesAnswer201WithTheirOwnLocation() {
        forEachOperation((op, operation) -> {
            if (!operation.path("responses").has("201")) {
                return;
            }
            World world = world("Created");
            Call call = happy(op, world);
            Response created = send(call);
            assertEquals(201, created.statusCode(), op + ": " + created.asString());
            String location = created.header("Location");
            assertNotNull(location, op + " answered 201 without Location");
            assertTrue(location.startsWith("/"), op + ": Location is not the path of the resource: " + location);
            String path = location;
            Response fetched = send(new Call(call.user(), "GET", path, null, Map.of()));
            assertEquals(200, fetched.statusCode(), op + ": Location " + location + " answers " + fetched.statusCode());
            if (created.header("ETag") != null) {
                assertEquals(created.header("ETag"), fetched.header("ETag"), op + ": the created resource's ETag");
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ cursors and paging

    @Test
    void cursorsAreOpaqueAndTamperProof() throws Exception {
        World world = world("Paged");
        fillLists(world);
        forEachOperation((op, operation) -> {
            if (!hasParameter(operation, "query", "cursor")) {
                return;
            }
            Call call = happy(op, world);
            String separator = call.path().contains("?") ? "&" : "?";
            Response first = awaitCursor(call.withPath(call.path() + separator + "limit=1"), op);
            String cursor = first.jsonPath().getString("nextCursor");
            // Ciphertext is random bytes: only names of three or more characters are looked for, so chance cannot spell one.
            String decoded = new String(decodeLoosely(cursor), StandardCharsets.ISO_8859_1);
            for (String readable : Stream.concat(Stream.of("PK#", "SK#", "GSI1", "course", "lesson", "enroll", "review", "\"pk\"", "\"sk\""),
                    Stream.of(world.course(), world.lesson(), "learner", "owner")).toList()) {
                assertFalse(cursor.contains(readable), op + ": the cursor shows " + readable);
                assertFalse(decoded.toLowerCase(Locale.ROOT).contains(readable.toLowerCase(Locale.ROOT)), op + ": the decoded cursor shows " + readable);
            }
            String tampered = cursor.substring(0, cursor.length() / 2) + (cursor.charAt(cursor.length() / 2) == 'A' ? 'B' : 'A')
                    + cursor.substring(cursor.length() / 2 + 1);
            Response refused = send(call.withPath(call.path() + separator + "limit=1&cursor=" + tampered));
            assertEquals(400, refused.statusCode(), op + " with a tampered cursor");
            assertProblem(refused, "/problems/invalid-cursor", op);
        });
    }

    @Test
    void theCatalogReturnsEachCourseOnceWhileCoursesComeAndGo() throws Exception {
        String category = "paging" + Integer.toHexString((int) (Math.random() * 1e6));
        List<String> initial = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            initial.add(publishedCourse("Paging " + i, category));
        }
        settle();
        List<String> seen = new ArrayList<>();
        Set<String> removed = new LinkedHashSet<>();
        String cursor = null;
        int page = 0;
        do {
            Response response = send(new Call(null, "GET", "/courses?category=" + category + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), null, Map.of()));
            assertEquals(200, response.statusCode(), response.asString());
            seen.addAll(response.jsonPath().getList("items.id"));
            cursor = response.jsonPath().getString("nextCursor");
            if (page == 0) {
                // Between pages: a new course arrives, one already seen and one not yet seen leave.
                publishedCourse("Paging late", category);
                String gone = initial.stream().filter(id -> !seen.contains(id)).findFirst().orElseThrow();
                unpublish(gone);
                removed.add(gone);
                unpublish(seen.get(0));
                removed.add(seen.get(0));
                settle();
            }
            page++;
        } while (cursor != null && page < 20);
        Set<String> distinct = new LinkedHashSet<>(seen);
        assertEquals(distinct.size(), seen.size(), "a course came twice: " + seen);
        for (String id : initial) {
            if (!removed.contains(id)) {
                assertTrue(seen.contains(id), "a course present throughout was skipped: " + id + " not in " + seen);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    /** The request that succeeds for an operation in a world, before any precondition header. */
    private static Call happy(String op, World w) {
        String c = w.course();
        return switch (op) {
            case "GET /admin/audit" -> call("root", "GET", "/admin/audit?entity=course&id=" + c);
            case "GET /admin/users" -> call("root", "GET", "/admin/users?role=student");
            // A user of their own for each call: the fixtures run more than once, and a deleted user stays deleted.
            case "PUT /admin/users/{}/role" -> call("root", "PUT", "/admin/users/" + poolUser() + "/role").withBody("{\"role\":\"instructor\"}");
            case "POST /admin/users/{}/disable" -> call("root", "POST", "/admin/users/" + poolUser() + "/disable");
            case "POST /admin/users/{}/enable" -> call("root", "POST", "/admin/users/" + poolUser() + "/enable");
            case "DELETE /admin/users/{}" -> call("root", "DELETE", "/admin/users/" + poolUser());
            case "DELETE /me" -> call(poolUser(), "DELETE", "/me");
            case "GET /courses" -> call(null, "GET", "/courses");
            case "POST /courses" -> call("owner", "POST", "/courses").withBody("{\"title\":\"Contract course\",\"category\":\"contract\",\"description\":\"made by the contract suite\"}");
            case "GET /courses/search" -> call(null, "GET", "/courses/search?q=contract");
            case "GET /courses/top-rated" -> call(null, "GET", "/courses/top-rated");
            case "POST /courses/{}/assets" -> call("owner", "POST", "/courses/" + c + "/assets")
                    .withBody("{\"kind\":\"cover\",\"contentType\":\"image/png\",\"contentLength\":1024}");
            case "GET /courses/{}/enrollments" -> call("owner", "GET", "/courses/" + c + "/enrollments");
            case "DELETE /courses/{}/enrollments/{}" -> call("owner", "DELETE", "/courses/" + c + "/enrollments/learner");
            case "GET /courses/{}/lessons" -> call(null, "GET", "/courses/" + c + "/lessons");
            case "POST /courses/{}/lessons" -> call("owner", "POST", "/courses/" + c + "/lessons")
                    .withBody("{\"title\":\"Another lesson\",\"content\":\"more\"}");
            case "PUT /courses/{}/lessons/order" -> call("owner", "PUT", "/courses/" + c + "/lessons/order")
                    .withBody("{\"lessonIds\":[\"" + w.quizLesson() + "\",\"" + w.lesson() + "\"]}");
            case "GET /courses/{}/lessons/{}" -> call("learner", "GET", "/courses/" + c + "/lessons/" + w.lesson());
            case "PUT /courses/{}/lessons/{}" -> call("owner", "PUT", "/courses/" + c + "/lessons/" + w.lesson())
                    .withBody("{\"title\":\"Edited lesson\",\"content\":\"edited\"}");
            case "DELETE /courses/{}/lessons/{}" -> call("owner", "DELETE", "/courses/" + c + "/lessons/" + w.lesson());
            case "PUT /lessons/{}" -> call("owner", "PUT", "/lessons/" + w.lesson()).withBody("{\"title\":\"Edited by the seed route\",\"content\":\"edited\"}");
            case "GET /courses/{}" -> call(null, "GET", "/courses/" + c);
            case "PUT /courses/{}" -> call("owner", "PUT", "/courses/" + c).withBody("{\"title\":\"Edited course\",\"category\":\"contract\"}");
            case "DELETE /courses/{}" -> call("owner", "DELETE", "/courses/" + c);
            case "POST /courses/{}/publish" -> call("owner", "POST", "/courses/" + w.unpublished() + "/publish");
            case "POST /courses/{}/unpublish" -> call("owner", "POST", "/courses/" + c + "/unpublish");
            case "GET /courses/{}/rating" -> call(null, "GET", "/courses/" + c + "/rating");
            case "GET /courses/{}/reviews" -> call(null, "GET", "/courses/" + c + "/reviews");
            case "POST /enroll/{}" -> call("third-learner", "POST", "/enroll/" + c);
            case "DELETE /enroll/{}" -> call("learner", "DELETE", "/enroll/" + c);
            case "GET /me" -> call("learner", "GET", "/me");
            case "PUT /me" -> call("learner", "PUT", "/me").withBody("{\"name\":\"Lena L.\",\"bio\":\"learns\"}");
            case "POST /me/avatar" -> call("learner", "POST", "/me/avatar").withBody("{\"contentType\":\"image/png\",\"contentLength\":1200}");
            case "GET /me/enrollments" -> call("learner", "GET", "/me/enrollments");
            case "GET /me/enrollments/{}" -> call("learner", "GET", "/me/enrollments/" + c);
            case "GET /me/progress/{}" -> call("learner", "GET", "/me/progress/" + c);
            case "PUT /progress/{}/{}" -> call("learner", "PUT", "/progress/" + c + "/" + w.lesson());
            case "POST /progress/{}/{}/quiz" -> call("learner", "POST", "/progress/" + c + "/" + w.quizLesson() + "/quiz")
                    .withBody("{\"answers\":{\"" + w.quizQuestion() + "\":0}}");
            case "POST /reviews/{}" -> call("other-learner", "POST", "/reviews/" + c).withBody("{\"rating\":5,\"title\":\"Great\"}");
            case "PUT /reviews/{}" -> call("learner", "PUT", "/reviews/" + c).withBody("{\"rating\":3,\"title\":\"Changed my mind\"}");
            case "DELETE /reviews/{}" -> call("learner", "DELETE", "/reviews/" + c);
            case "GET /reviews/{}/{}" -> call(null, "GET", "/reviews/" + c + "/learner");
            case "DELETE /reviews/{}/{}" -> call("root", "DELETE", "/reviews/" + c + "/learner");
            default -> throw new AssertionError("docs/openapi.json lists " + op + ", which the contract suite has no fixture for");
        };
    }

    /** The strong ETag of the object an operation changes, read the way a client reads it. */
    private static String currentEtag(String op, World w) {
        String c = w.course();
        Call read = switch (op) {
            case "PUT /courses/{}", "DELETE /courses/{}", "POST /courses/{}/unpublish" -> call("owner", "GET", "/courses/" + c);
            case "POST /courses/{}/publish" -> call("owner", "GET", "/courses/" + w.unpublished());
            case "PUT /courses/{}/lessons/{}", "DELETE /courses/{}/lessons/{}", "PUT /lessons/{}" -> call("owner", "GET",
                    "/courses/" + c + "/lessons/" + w.lesson());
            case "PUT /courses/{}/lessons/order" -> call("owner", "GET", "/courses/" + c + "/lessons");
            case "PUT /me" -> call("learner", "GET", "/me");
            case "PUT /reviews/{}", "DELETE /reviews/{}", "DELETE /reviews/{}/{}" -> call("learner", "GET", "/reviews/" + c + "/learner");
            default -> throw new AssertionError(op + " has no version to read");
        };
        Response response = send(read);
        assertEquals(200, response.statusCode(), read.describe() + ": " + response.asString());
        return response.header("ETag");
    }

    /** The call with the current version as If-Match, for rules other than the precondition itself. */
    private static Call withVersion(String op, Call call, World world) {
        return PRECONDITIONED.contains(op) ? call.withHeader("If-Match", currentEtag(op, world)) : call;
    }

    private static World world(String name) {
        String course = created(as("owner").contentType("application/json")
                .body("{\"title\":\"" + name + " course\",\"category\":\"contract\",\"tags\":[\"contract\"]}").post("/courses"));
        String lesson = created(as("owner").contentType("application/json").body("{\"title\":\"First lesson\",\"content\":\"hello\"}")
                .post("/courses/" + course + "/lessons"));
        Response quiz = as("owner").contentType("application/json").body("{\"title\":\"Quiz\",\"quiz\":{\"passMark\":50,\"questions\":"
                + "[{\"prompt\":\"1+1?\",\"options\":[\"2\",\"3\"],\"correctOption\":0}]}}").post("/courses/" + course + "/lessons");
        assertEquals(201, quiz.statusCode(), quiz.asString());
        publish(course);
        String draft = created(as("owner").contentType("application/json").body("{\"title\":\"" + name + " draft\",\"category\":\"contract\"}")
                .post("/courses"));
        String unpublished = publishedCourse(name + " unpublished", "contract");
        unpublish(unpublished);
        for (String learner : List.of("learner", "other-learner")) {
            Response enrolled = as(learner).post("/enroll/" + course);
            assertTrue(enrolled.statusCode() == 201 || enrolled.statusCode() == 200, enrolled.asString());
        }
        assertEquals(200, as("learner").put("/progress/" + course + "/" + lesson).statusCode());
        Response review = as("learner").contentType("application/json").body("{\"rating\":4,\"title\":\"Mine\"}").post("/reviews/" + course);
        assertEquals(201, review.statusCode(), review.asString());
        settle();
        return new World(course, lesson, quiz.path("id"), quiz.path("quiz.questions[0].id"), draft, unpublished);
    }

    private static String publishedCourse(String title, String category) {
        String course = created(as("owner").contentType("application/json")
                .body("{\"title\":\"" + title + "\",\"category\":\"" + category + "\"}").post("/courses"));
        created(as("owner").contentType("application/json").body("{\"title\":\"Only lesson\",\"content\":\"x\"}")
                .post("/courses/" + course + "/lessons"));
        publish(course);
        return course;
    }

    private static void publish(String course) {
        settle();
        String etag = as("owner").get("/courses/" + course).header("ETag");
        Response response = as("owner").header("If-Match", etag).post("/courses/" + course + "/publish");
        assertEquals(200, response.statusCode(), "publish: " + response.asString());
    }

    private static void unpublish(String course) {
        settle();
        String etag = as("owner").get("/courses/" + course).header("ETag");
        Response response = as("owner").header("If-Match", etag).post("/courses/" + course + "/unpublish");
        assertEquals(200, response.statusCode(), "unpublish: " + response.asString());
    }

    private static String created(Response response) {
        assertEquals(201, response.statusCode(), response.asString());
        return response.path("id");
    }

    /** What the rules must not change: the world's course, outline, lesson, profile, enrollments, progress and reviews. */
    private static String snapshot(World w) {
        settle();
        StringBuilder state = new StringBuilder();
        for (Call read : List.of(call("owner", "GET", "/courses/" + w.course()), call("owner", "GET", "/courses/" + w.course() + "/lessons"),
                call("owner", "GET", "/courses/" + w.course() + "/lessons/" + w.lesson()), call("owner", "GET", "/courses/" + w.unpublished()),
                call("learner", "GET", "/me"), call("learner", "GET", "/me/enrollments"), call("learner", "GET", "/me/progress/" + w.course()),
                call("owner", "GET", "/courses/" + w.course() + "/enrollments"), call(null, "GET", "/courses/" + w.course() + "/reviews"))) {
            Response response = send(read);
            state.append(read.describe()).append(" -> ").append(response.statusCode()).append(' ').append(response.header("ETag"))
                    .append(' ').append(withoutVolatile(response.asString())).append('\n');
        }
        return state.toString();
    }

    /** Fields that change without a write (the caller's view of time, a cursor's fresh nonce) are not state. */
    private static String withoutVolatile(String body) {
        return body.replaceAll("\"(retrievedAt|now)\":\"[^\"]*\"", "").replaceAll("\"nextCursor\":\"[^\"]*\"", "\"nextCursor\":\"(more)\"");
    }

    /** Eventually consistent reads lag writes, as DynamoDB's may: wait until the local read replica has every write so far. */
    private static void settle() {
        if (cloud.readReplica() != null) {
            cloud.readReplica().awaitCaughtUp();
        }
    }

    private static Response awaitCursor(Call call, String op) {
        // Search, top-rated and the audit log are written by the stream consumers: they fill a moment after the writes.
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            Response response = send(call);
            assertEquals(200, response.statusCode(), op + ": " + response.asString());
            if (response.jsonPath().getString("nextCursor") != null) {
                return response;
            }
            if (System.currentTimeMillis() > deadline) {
                fail(op + " never gave a cursor for a second page: " + response.asString());
            }
            sleep(1000);
        }
    }

    /** Every list gets at least two items: a second review in the world, two courses with enough reviews to be ranked. */
    private static void fillLists(World world) {
        Response review = as("other-learner").contentType("application/json").body("{\"rating\":5,\"title\":\"Also mine\"}")
                .post("/reviews/" + world.course());
        assertEquals(201, review.statusCode(), review.asString());
        for (int i = 0; i < 2; i++) {
            String course = publishedCourse("Rated " + i, "contract");
            for (String learner : List.of("learner", "other-learner", "third-learner")) {
                assertTrue(as(learner).post("/enroll/" + course).statusCode() < 300);
                Response rated = as(learner).contentType("application/json").body("{\"rating\":5,\"title\":\"Good\"}").post("/reviews/" + course);
                assertEquals(201, rated.statusCode(), rated.asString());
            }
        }
    }

    /** Bodies with one field of the wrong type (a number for a text, a fraction or a text for an integer), each with the field it must name. */
    private static List<Map.Entry<String, String>> wrongTypes(JsonNode operation, String body) {
        List<Map.Entry<String, String>> cases = new ArrayList<>();
        JsonNode schema = resolve(operation.path("requestBody").path("content").path("application/json").path("schema"));
        boolean string = false;
        boolean integer = false;
        for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties.hasNext();) {
            Map.Entry<String, JsonNode> property = properties.next();
            String type = resolve(property.getValue()).path("type").asText();
            if (type.equals("string") && !string) {
                cases.add(Map.entry(property.getKey(), withField(body, property.getKey(), 12345)));
                string = true;
            } else if (type.equals("integer") && !integer && !property.getKey().equals("version")) {
                cases.add(Map.entry(property.getKey(), withField(body, property.getKey(), 3.7)));
                cases.add(Map.entry(property.getKey(), withField(body, property.getKey(), "5")));
                integer = true;
            }
        }
        return cases;
    }

    private static JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.isEmpty()) {
            return schema;
        }
        return openApi.at(ref.substring(1));
    }

    private static String withField(String body, String field, Object value) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(body);
            node.set(field, JSON.valueToTree(value));
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String duplicateFirstKey(String body) {
        int colon = body.indexOf(':');
        String firstKey = body.substring(1, colon);
        int valueEnd = body.indexOf(',', colon);
        String firstValue = body.substring(colon + 1, valueEnd < 0 ? body.length() - 1 : valueEnd);
        return "{" + firstKey + ":" + firstValue + "," + body.substring(1);
    }

    private static byte[] invalidUtf8(String body) {
        int quote = body.indexOf('"', body.indexOf(':') + 1);
        byte[] head = body.substring(0, quote + 1).getBytes(StandardCharsets.UTF_8);
        byte[] tail = body.substring(quote + 1).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xC3;
        bytes[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, bytes, head.length + 2, tail.length);
        return bytes;
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private interface OperationCheck {
        void check(String op, JsonNode operation) throws Exception;
    }

    /** Every operation but the HEADs: headAnswersLikeGetWithoutABody checks each of those against its GET. */
    private static void forEachOperation(OperationCheck check) {
        forEachOperation(false, check);
    }

    private static void forEachOperation(boolean withHead, OperationCheck check) {
        openApi.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (!METHODS.contains(method.getKey().toUpperCase(Locale.ROOT)) || (!withHead && method.getKey().equals("head"))) {
                return;
            }
            String op = method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey().replaceAll("\\{[^}]+}", "{}");
            try {
                check.check(op, method.getValue());
            } catch (Exception e) {
                throw new AssertionError(op + ": " + e, e);
            }
        }));
    }

    private static boolean hasParameter(JsonNode operation, String in, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals(in) && (name == null || parameter.path("name").asText().equals(name))) {
                return true;
            }
        }
        return false;
    }

    private static void require(List<String> missing, String op, Set<String> statuses, String... wanted) {
        for (String status : wanted) {
            if (!statuses.contains(status)) {
                missing.add(op + " does not list " + status);
            }
        }
    }

    private static boolean namesACourse(String op) {
        return op.matches("\\w+ /(courses|enroll|progress|reviews|me/progress|me/enrollments)/\\{}.*");
    }

    private static String replaceCourse(String path, String course) {
        return path.replaceFirst("^/(courses|enroll|progress|reviews|me/progress|me/enrollments)/[^/?]+", "/$1/" + course);
    }

    private static String concretePath(String template, World w) {
        String path = template.replaceFirst("\\{(id|courseId)}", w.course()).replace("{lessonId}", w.lesson()).replace("{userId}", "learner");
        return path.replaceAll("\\{[^}]+}", w.course());
    }

    private static void assertProblem(Response response, String type, String where) {
        assertTrue(String.valueOf(response.contentType()).startsWith(PROBLEM), where + ": content type " + response.contentType());
        assertEquals(type, response.jsonPath().getString("type"), where + ": " + response.asString());
        assertEquals(response.statusCode(), response.jsonPath().getInt("status"), where);
    }

    /** A new student in the local user pool, with a token in TOKENS under their id. */
    private static String poolUser() {
        String id = "pool-user-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        cloud.cognito().createUser(id, id + "@skillforge.local", "Pat Pool", List.of("student"));
        TOKENS.put(id, cloud.identity().token(new DevIdentity.User(id, "Pat Pool", "student"), 120));
        return id;
    }

    private static Call call(String user, String method, String path) {
        return new Call(user, method, path, null, Map.of());
    }

    private static RequestSpecification as(String user) {
        RequestSpecification spec = given().baseUri(cloud.baseUri().toString());
        return user == null ? spec : spec.header("Authorization", "Bearer " + TOKENS.get(user));
    }

    private static Response send(Call call) {
        RequestSpecification spec = as(call.user());
        call.headers().forEach(spec::header);
        if (call.body() != null) {
            spec.contentType("application/json").body(call.body().getBytes(StandardCharsets.UTF_8));
        }
        return spec.request(call.method(), call.path());
    }

    private static Response sendRaw(Call call, String contentType, byte[] body) {
        RequestSpecification spec = as(call.user());
        call.headers().forEach(spec::header);
        return spec.contentType(contentType).body(body).request(call.method(), call.path());
    }

    private static byte[] decodeLoosely(String cursor) {
        try {
            return Base64.getUrlDecoder().decode(cursor.replace(".", "").replace("=", ""));
        } catch (IllegalArgumentException e) {
            return cursor.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The web origin the synthesized dev template's HTTP API allows (what API Gateway's CORS answers for). */
    private static String stackWebOrigin() throws Exception {
        Path templates = TestClouds.root().resolve("infra/target/templates");
        try (Stream<Path> files = Files.list(templates)) {
            Path template = files.filter(file -> file.getFileName().toString().endsWith(".template.json")).findFirst().orElseThrow();
            for (JsonNode resource : JSON.readTree(template.toFile()).path("Resources")) {
                if (resource.path("Type").asText().equals("AWS::ApiGatewayV2::Api")) {
                    return resource.path("Properties").path("CorsConfiguration").path("AllowOrigins").path(0).asText();
                }
            }
        }
        throw new IllegalStateException("no HTTP API in the synthesized template");
    }
}
