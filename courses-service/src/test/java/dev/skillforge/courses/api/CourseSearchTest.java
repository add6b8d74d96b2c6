package dev.skillforge.courses.api;

import static dev.skillforge.courses.api.CourseApi.createCourse;
import static dev.skillforge.courses.api.CourseApi.publishedCourse;
import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
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
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(DynaliteResource.class)
class CourseSearchTest {

    static final String ALICE = TestTokens.instructor("alice");

    /** The ids a search answers once the stream has delivered every change made so far. */
    static List<String> ids(String q) {
        SearchFeed.deliver();
        return anonymous().queryParam("q", q).get("/courses/search").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
    }

    static Response page(String q, int limit, String cursor) {
        var request = anonymous().queryParam("q", q).queryParam("limit", limit);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        Response page = request.get("/courses/search");
        page.then().statusCode(200);
        return page;
    }

    @Test
    void wordsAndTheirBeginningsMatchCaseAndAccentInsensitiveOverTitleTagsAndCategory() {
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
    void aResultIsTheCoursesCardWithASummaryOfItsDescription() {
        String id = createCourse(ALICE, "Haskell Monads", "programming", "fp");
        Map<String, Object> edit = new HashMap<>(CourseApi.course("Haskell Monads", "programming", "fp"));
        edit.put("description", "Monads explained. ".repeat(20));
        edit.put("version", 1);
        as(ALICE).body(edit).put("/courses/{courseId}", id).then().statusCode(200);
        CourseApi.addLesson(ALICE, id, "Functor");
        CourseApi.publish(ALICE, id);
        SearchFeed.deliver();
        anonymous().queryParam("q", "monads").get("/courses/search").then().statusCode(200)
                .body("items[0].id", equalTo(id))
                .body("items[0].title", equalTo("Haskell Monads"))
                .body("items[0].summary", equalTo("Monads explained. ".repeat(8) + "Monads\u2026"))
                .body("items[0].description", equalTo(null))
                .body("items[0].instructorId", equalTo("alice"))
                .body("items[0].tags", contains("fp"))
                .body("items[0].version", equalTo(3));
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
        SearchFeed.deliver();
        anonymous().queryParam("q", "spring").get("/courses/search").then().statusCode(200)
                .body("items.id", contains(titled, tagged, longer));
    }

    @Test
    void severalWordsRankByTheirSumBeforeThePageIsCut() {
        // "rust" alone ranks by the newest among title matches; "rust async" adds each course's score for "async"
        String tagOnly = publishedCourse(ALICE, "Rust Basics", "programming", "async");
        String both = publishedCourse(ALICE, "Async Rust", "programming");
        String prefixOnly = publishedCourse(ALICE, "Rust Asynchrony", "programming");
        publishedCourse(ALICE, "Rust Macros", "programming");
        SearchFeed.deliver();
        List<String> ranked = page("rust async", 1, null).jsonPath().getList("items.id", String.class);
        assertEquals(List.of(both), ranked, "the best of all three, though not the newest");
        assertEquals(List.of(both, tagOnly, prefixOnly), ids("rust async"));
    }

    @Test
    void aPrefixFindsTheMostUsedWholeWordsThatStartWithIt() {
        String python = publishedCourse(ALICE, "Python for Data", "programming");
        String pythonic = publishedCourse(ALICE, "Pythonic Code", "programming");
        String pytorch = publishedCourse(ALICE, "PyTorch Basics", "machine-learning");
        assertEquals(Set.of(python, pythonic), Set.copyOf(ids("pyth")));
        assertEquals(Set.of(python, pythonic, pytorch), Set.copyOf(ids("py")));
        assertEquals(List.of(python, pythonic), ids("python"), "the whole word first, then the longer one");

        // eight words start with "zz": seven in two courses each, zzhword in one. A prefix stands for its six most used
        // words (ties in alphabetical order): every course but the rare word's, which its own beginning or word finds.
        List<String> popular = new ArrayList<>();
        for (int k = 0; k < 7; k++) {
            popular.add(publishedCourse(ALICE, "Course " + k, "misc", "zz" + (char) ('a' + k) + "word",
                    "zz" + (char) ('a' + (k + 1) % 7) + "word"));
        }
        String rare = publishedCourse(ALICE, "Rare course", "misc", "zzhword");
        assertEquals(Set.copyOf(popular), Set.copyOf(ids("zz")));
        assertEquals(List.of(rare), ids("zzh"));
        assertEquals(List.of(rare), ids("zzhword"));
    }

    @Test
    void searchFollowsPublishEditUnpublishAndDelete() {
        String id = createCourse(ALICE, "Rust Ownership", "programming");
        as(ALICE).body(Map.of("title", "Lesson")).post("/courses/{courseId}/lessons", id).then().statusCode(201);
        assertEquals(List.of(), ids("rust"), "drafts are not searchable");

        CourseApi.publish(ALICE, id);
        assertEquals(List.of(id), ids("rust"));

        Map<String, Object> edit = new HashMap<>(CourseApi.course("Zig Comptime", "programming"));
        edit.put("version", 2);
        as(ALICE).body(edit).put("/courses/{courseId}", id).then().statusCode(200);
        assertEquals(List.of(), ids("rust"), "the old title no longer matches");
        assertEquals(List.of(id), ids("comptime"));

        CourseApi.unpublish(ALICE, id);
        assertEquals(List.of(), ids("zig"));

        CourseApi.publish(ALICE, id);
        assertEquals(List.of(id), ids("zig"));

        CourseApi.delete(ALICE, id);
        assertEquals(List.of(), ids("zig"));
    }

    @Test
    void resultsArePagedWithASignedCursorBoundToTheQuery() {
        for (int i = 0; i < 5; i++) {
            publishedCourse(ALICE, "Kotlin part " + i, "programming");
        }
        SearchFeed.deliver();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Response page = page("kotlin", 2, cursor);
            seen.addAll(page.jsonPath().getList("items.id", String.class));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);
        assertEquals(5, seen.size());
        assertEquals(5, new HashSet<>(seen).size());
        String first = page("kotlin", 2, null).jsonPath().getString("nextCursor");
        problem(anonymous().queryParam("q", "kotlin").queryParam("cursor", "x" + "abc.def").get("/courses/search").then(),
                400, "invalid-cursor");
        problem(anonymous().queryParam("q", "kotlin part").queryParam("cursor", first).get("/courses/search").then(),
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
        SearchFeed.deliver();
        anonymous().queryParam("query", "hask").get("/courses/search").then().statusCode(200)
                .body("items.id", contains(id))
                .body("items[0].title", equalTo("Haskell Monads"))
                .body("items.id", not(hasItem("nothing")));
    }
}
