package dev.skillforge.courses.api;

import static dev.skillforge.data.testing.Http.anonymous;
import static dev.skillforge.data.testing.Http.as;
import static dev.skillforge.courses.api.CourseApi.createCourse;
import static dev.skillforge.data.testing.Http.problem;
import static dev.skillforge.courses.api.CourseApi.publishedCourse;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(DynaliteResource.class)
class CourseSearchTest {

    static final String ALICE = TestTokens.instructor("alice");

    static List<String> ids(String q) {
        return anonymous().queryParam("q", q).get("/courses/search").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
    }

    @Test
    void prefixSearchIsCaseAndAccentInsensitiveOverTitleTagsAndCategory() {
        String java = publishedCourse(ALICE, "Java Streams Deep Dive", "softwarecraft", "functional", "jvm");
        String cafe = publishedCourse(ALICE, "Café Latte Art", "cooking", "barista");
        assertEquals(List.of(java), ids("JAV"));
        assertEquals(List.of(java), ids("stream"));
        assertEquals(List.of(java), ids("funct"));
        assertEquals(List.of(java), ids("SoftwareCr"));
        assertEquals(List.of(cafe), ids("cafe"));
        assertEquals(List.of(cafe), ids("CAFÉ"));
        assertEquals(List.of(cafe), ids("bar"));
        assertEquals(List.of(), ids("python"));
    }

    @Test
    void everyWordMustMatch() {
        String processes = publishedCourse(ALICE, "Elixir Processes", "languages");
        publishedCourse(ALICE, "Elixir Basics", "languages");
        assertEquals(List.of(processes), ids("elixir pro"));
        assertEquals(List.of(processes), ids("PROC elix"));
        assertEquals(2, ids("elixir").size());
        assertEquals(List.of(), ids("elixir kotlin"));
    }

    @Test
    void titleMatchesRankAboveTagMatchesAndExactWordsAboveLongerOnes() {
        String tagged = publishedCourse(ALICE, "Backend Basics", "programming", "spring");
        String titled = publishedCourse(ALICE, "Spring in Practice", "programming");
        String longer = publishedCourse(ALICE, "Springboard Careers", "career");
        anonymous().queryParam("q", "spring").get("/courses/search").then().statusCode(200)
                .body("items.id", contains(titled, tagged, longer));
    }

    @Test
    void searchFollowsPublishEditUnpublishAndDelete() {
        String id = createCourse(ALICE, "Rust Ownership", "programming");
        as(ALICE).body(Map.of("title", "Lesson")).post("/courses/{id}/lessons", id).then().statusCode(201);
        assertEquals(List.of(), ids("rust"), "drafts are not searchable");

        as(ALICE).post("/courses/{id}/publish", id).then().statusCode(200);
        assertEquals(List.of(id), ids("rust"));

        Map<String, Object> edit = new HashMap<>(CourseApi.course("Zig Comptime", "programming"));
        edit.put("version", 2);
        as(ALICE).body(edit).put("/courses/{id}", id).then().statusCode(200);
        assertEquals(List.of(), ids("rust"), "the old title no longer matches");
        assertEquals(List.of(id), ids("comptime"));

        as(ALICE).post("/courses/{id}/unpublish", id).then().statusCode(200);
        assertEquals(List.of(), ids("zig"));

        as(ALICE).post("/courses/{id}/publish", id).then().statusCode(200);
        assertEquals(List.of(id), ids("zig"));

        as(ALICE).delete("/courses/{id}", id).then().statusCode(204);
        assertEquals(List.of(), ids("zig"));
    }

    @Test
    void resultsArePagedWithASignedCursor() {
        for (int i = 0; i < 5; i++) {
            publishedCourse(ALICE, "Kotlin part " + i, "programming");
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Response page = cursor == null
                    ? anonymous().queryParam("q", "kotlin").queryParam("limit", 2).get("/courses/search")
                    : anonymous().queryParam("q", "kotlin").queryParam("limit", 2).queryParam("cursor", cursor).get("/courses/search");
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("items.id", String.class));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);
        assertEquals(5, seen.size());
        assertEquals(5, new HashSet<>(seen).size());
        problem(anonymous().queryParam("q", "kotlin").queryParam("cursor", "x" + "abc.def").get("/courses/search").then(),
                400, "invalid-cursor");
    }

    @Test
    void queriesNeedAUsableWord() {
        problem(anonymous().get("/courses/search").then(), 400, "validation").body("errors.field", hasItem("q"));
        problem(anonymous().queryParam("q", "a").get("/courses/search").then(), 400, "validation");
        problem(anonymous().queryParam("q", "the").get("/courses/search").then(), 400, "validation");
        problem(anonymous().queryParam("q", "x".repeat(101)).get("/courses/search").then(), 400, "validation");
        anonymous().queryParam("q", "##").get("/courses/search").then().statusCode(400);
        anonymous().queryParam("q", "begins_with(SK").get("/courses/search").then().statusCode(200).body("items", empty());
    }

    @Test
    void theSeedsQueryParameterWorksToo() {
        String id = publishedCourse(ALICE, "Haskell Monads", "programming");
        anonymous().queryParam("query", "hask").get("/courses/search").then().statusCode(200)
                .body("items.id", contains(id))
                .body("items[0].title", equalTo("Haskell Monads"))
                .body("items.id", not(hasItem("nothing")));
    }
}
