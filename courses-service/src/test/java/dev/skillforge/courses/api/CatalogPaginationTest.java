package dev.skillforge.courses.api;

import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static dev.skillforge.courses.api.CourseApi.publishedCourse;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.skillforge.data.testing.Cursors;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.PagingStability;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(DynaliteResource.class)
class CatalogPaginationTest {

    static final String ALICE = TestTokens.instructor("alice");
    final List<String> published = new ArrayList<>();

    @BeforeEach
    void fiveProgrammingCoursesAndTwoDataCourses() {
        for (int i = 1; i <= 5; i++) {
            published.add(publishedCourse(ALICE, "Programming course " + i, "programming"));
        }
        published.add(publishedCourse(ALICE, "Data course 1", "data"));
        published.add(publishedCourse(ALICE, "Data course 2", "data"));
        CourseApi.createCourse(ALICE, "Unpublished draft", "programming");
    }

    @Test
    void pagesWalkTheWholeCatalogNewestFirstWithoutRepeats() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = cursor == null
                    ? anonymous().queryParam("limit", 3).get("/courses")
                    : anonymous().queryParam("limit", 3).queryParam("cursor", cursor).get("/courses");
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("items.id", String.class));
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        List<String> newestFirst = new ArrayList<>(published);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen);
        assertEquals(3, pages);
    }

    @Test
    void categoryFilterUsesItsOwnPages() {
        Response first = anonymous().queryParam("category", "data").queryParam("limit", 1).get("/courses");
        first.then().statusCode(200).body("items.size()", equalTo(1)).body("nextCursor", notNullValue());
        String cursor = first.jsonPath().getString("nextCursor");
        anonymous().queryParam("category", "data").queryParam("limit", 1).queryParam("cursor", cursor).get("/courses")
                .then().statusCode(200).body("items[0].category", equalTo("data"));
        anonymous().queryParam("category", "data").queryParam("limit", 5).get("/courses")
                .then().body("items.size()", equalTo(2)).body("nextCursor", nullValue());
    }

    @Test
    void defaultPageIsTwentyAndLimitIsBounded() {
        anonymous().get("/courses").then().statusCode(200).body("items.size()", equalTo(7));
        for (String limit : new String[] { "0", "-1", "101", "abc", "1e3" }) {
            problem(anonymous().queryParam("limit", limit).get("/courses").then(), 400, "validation")
                    .body("errors.field", hasItem("limit"));
        }
        anonymous().queryParam("limit", 100).get("/courses").then().statusCode(200);
    }

    @Test
    void tamperedTruncatedAndEarlierFormatCursorsAreRejected() {
        String cursor = anonymous().queryParam("limit", 2).get("/courses").jsonPath().getString("nextCursor");
        int middle = cursor.length() / 2;
        String changed = cursor.substring(0, middle) + (cursor.charAt(middle) == 'A' ? 'B' : 'A') + cursor.substring(middle + 1);
        String earlierFormat = Cursors.earlierSignedFormat("GSI1:courses#published",
                java.util.Map.of("GSI1PK", "courses#published", "GSI1SK", "2026-01-01T00:00:00.000Z#x", "PK", "course#x", "SK", "course"));
        for (String bad : new String[] { changed, cursor.substring(0, cursor.length() - 1), cursor + "A", cursor + "=", earlierFormat,
                "garbage", "%%%.%%%", "." }) {
            problem(anonymous().queryParam("cursor", bad).get("/courses").then(), 400, "invalid-cursor")
                    .body("errors.field", hasItem("cursor"));
        }
    }

    @Test
    void aCursorShowsNoKeyNameOrValue() {
        Response first = anonymous().queryParam("limit", 2).get("/courses");
        Cursors.assertOpaque(first.jsonPath().getString("nextCursor"), first.jsonPath().getList("items.id", String.class));
    }

    @Test
    void thePublishedListShowsEachCourseOnceWhileCoursesComeAndGoBetweenPages() {
        pageWhileTheCatalogChanges(null);
    }

    @Test
    void aCategoryShowsEachCourseOnceWhileCoursesComeAndGoBetweenPages() {
        pageWhileTheCatalogChanges("programming");
    }

    /**
     * Pages of 3 (of {@code category}, or all) while, between the first pages, a course is published (newest: above the
     * boundary), one published before the pass and unpublished is published again (it keeps its first publication time:
     * below the boundary), one listed course and one not listed yet are unpublished. Each course present throughout is
     * listed once, the one published again once when its turn comes, the new one not at all (it is above the boundary).
     */
    private void pageWhileTheCatalogChanges(String category) {
        List<String> parked = List.of(published.get(0), published.get(1));
        parked.forEach(id -> CourseApi.unpublish(ALICE, id));
        for (int i = 6; i <= 10; i++) {
            published.add(publishedCourse(ALICE, "Programming course " + i, "programming"));
        }
        PagingStability.Entries entries = new PagingStability.Entries(PagingStability.pageThrough(cursor -> catalogPage(category, cursor),
                (pages, shown) -> {
                }));
        List<String> republished = new ArrayList<>();
        List<String> newest = new ArrayList<>();
        List<String> listed = PagingStability.pageThrough(cursor -> catalogPage(category, cursor), (pages, shown) -> {
            if (pages > 2) {
                return;
            }
            String added = publishedCourse(ALICE, "Newest " + pages, "programming");
            newest.add(added);
            entries.added(added);
            String back = parked.get(pages - 1);
            CourseApi.publish(ALICE, back);
            republished.add(back);
            entries.added(back);
            for (String gone : List.of(entries.listedAlready(shown), entries.notYetListed(shown))) {
                CourseApi.unpublish(ALICE, gone);
                entries.removed(gone);
            }
        });
        entries.assertListedOnce(listed);
        assertTrue(listed.containsAll(republished), "published again below the boundary: listed when its turn comes " + listed);
        assertTrue(newest.stream().noneMatch(listed::contains), "published above the boundary: not in this pass " + listed);
    }

    private static PagingStability.Seen catalogPage(String category, String cursor) {
        var request = anonymous().queryParam("limit", 3);
        if (category != null) {
            request.queryParam("category", category);
        }
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        var page = request.get("/courses").then().statusCode(200).extract().jsonPath();
        return new PagingStability.Seen(page.getList("items.id", String.class), page.getString("nextCursor"));
    }

    @Test
    void cursorFromAnotherListIsRejected() {
        String dataCursor = anonymous().queryParam("category", "data").queryParam("limit", 1).get("/courses")
                .jsonPath().getString("nextCursor");
        problem(anonymous().queryParam("cursor", dataCursor).get("/courses").then(), 400, "invalid-cursor");
        problem(anonymous().queryParam("category", "programming").queryParam("cursor", dataCursor).get("/courses").then(),
                400, "invalid-cursor");
        SearchFeed.deliver();
        String searchCursor = anonymous().queryParam("q", "course").queryParam("limit", 1).get("/courses/search")
                .jsonPath().getString("nextCursor");
        problem(anonymous().queryParam("cursor", searchCursor).get("/courses").then(), 400, "invalid-cursor");
        problem(anonymous().queryParam("q", "programming").queryParam("cursor", searchCursor).get("/courses/search").then(),
                400, "invalid-cursor");
    }

    @Test
    void badCategoryIsAFieldError() {
        problem(as(ALICE).queryParam("category", "Bad Category#1").get("/courses").then(), 400, "validation")
                .body("errors.field", hasItem("category"));
    }
}
