package dev.skillforge.reviews.api;

import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.review.Review;
import dev.skillforge.data.review.ReviewCodec;
import dev.skillforge.data.review.ReviewRepository;
import dev.skillforge.data.testing.Cursors;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.PagingStability;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.data.testing.TestCatalog.SeededCourse;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The reviews service's lists paged with a small limit while they change between pages (docs/data-model.md,
 * "Pagination"): a course's reviews (ordered by creation, which never changes) and the top-rated list (ordered by the
 * average, which does).
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class ReviewListsPagingTest {

    /** Three ratings each, best first: every average differs. */
    static final int[][] RATINGS = { { 5, 5, 5 }, { 5, 5, 4 }, { 5, 4, 4 }, { 4, 4, 4 }, { 4, 4, 3 }, { 4, 3, 3 }, { 3, 3, 3 },
            { 3, 3, 2 }, { 3, 2, 2 }, { 2, 2, 2 }, { 2, 2, 1 } };

    /** A page of 3 of {@code path}; {@code idField} names what identifies an item (a review by its author). */
    static PagingStability.Seen page(String path, String idField, String cursor, Object... pathParams) {
        RequestSpecification request = anonymous().queryParam("limit", 3);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        var page = request.get(path, pathParams).then().statusCode(200).extract().jsonPath();
        return new PagingStability.Seen(page.getList("items." + idField, String.class), page.getString("nextCursor"));
    }

    static void review(String userId, String courseId, int rating) {
        TestCatalog.enroll(userId, courseId);
        as(TestTokens.student(userId)).body(Map.of("rating", rating, "title", "Take of " + userId)).post("/reviews/{c}", courseId)
                .then().statusCode(201);
    }

    /**
     * Newest first by creation: between pages a new review (above the boundary) and one created earlier than the listed
     * ones (an import: below it) arrive, one listed review and one not listed yet are deleted.
     */
    @Test
    void aCoursesReviewsListEachReviewOnceWhileReviewsComeAndGo() {
        SeededCourse course = TestCatalog.published("alice", "Reviewed a lot", "One");
        List<String> authors = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            authors.add("learner-" + i);
            review("learner-" + i, course.id(), 1 + i % 5);
        }
        ReviewRepository reviews = new ReviewRepository(TestTable.table());
        PagingStability.Entries entries = new PagingStability.Entries(authors);
        List<String> imported = new ArrayList<>();
        List<String> newest = new ArrayList<>();
        List<String> listed = PagingStability.pageThrough(cursor -> page("/courses/{c}/reviews", "userId", cursor, course.id()), (pages, shown) -> {
            if (pages > 2) {
                return;
            }
            String late = "newcomer-" + pages;
            review(late, course.id(), 4);
            newest.add(late);
            entries.added(late);
            String old = "imported-" + pages;
            Instant before = Instant.parse("2020-01-01T00:00:00Z").plusSeconds(pages);
            TestTable.put(ReviewCodec.toItem(new Review(course.id(), old, 3, "Imported", null, 1, before, before, old)));
            imported.add(old);
            entries.added(old);
            for (String gone : List.of(entries.listedAlready(shown), entries.notYetListed(shown))) {
                Review review = reviews.find(course.id(), gone).orElseThrow();
                reviews.delete(course.id(), gone, review.version(), gone);
                entries.removed(gone);
            }
        });
        entries.assertListedOnce(listed);
        assertTrue(listed.containsAll(imported), "created before the boundary: listed when its turn comes " + listed);
        assertTrue(newest.stream().noneMatch(listed::contains), "created above the boundary: not in this pass " + listed);
    }

    /**
     * Best average first, and averages move: between pages a listed course drops below the boundary (it would be listed
     * again), one not listed yet rises above it and one moves below it, a course enters the list above and one below the
     * boundary, one listed course and one not listed yet leave it (unpublished). No course is listed twice, every course
     * that kept its place is listed once, and a course that moved is listed at most once.
     */
    @Test
    void theTopRatedListListsNoCourseTwiceWhileAveragesMoveBetweenPages() {
        List<String> courses = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            // equal averages are ordered by review count, then course id
            String id = TestCatalog.published("alice", "Rated " + i, "One").id();
            TestCatalog.stats(id, true, RATINGS[i % RATINGS.length]);
            courses.add(id);
        }
        PagingStability.Entries entries = new PagingStability.Entries(courses);
        List<String> listed = PagingStability.pageThrough(cursor -> page("/courses/top-rated", "id", cursor), (pages, shown) -> {
            if (pages > 2) {
                return;
            }
            String dropped = entries.listedAlready(shown);
            String risen = entries.notYetListed(shown);
            entries.removed(dropped);
            entries.removed(risen);
            TestCatalog.stats(dropped, true, 1, 1, 1);
            TestCatalog.stats(risen, true, 5, 5, 5, 5);
            String shifted = entries.notYetListed(shown);
            entries.removed(shifted);
            TestCatalog.stats(shifted, true, 1, 1, 2);
            for (int[] ratings : new int[][] { { 5, 5, 5, 4 }, { 1, 1, 2, 2 } }) {
                String entering = TestCatalog.published("alice", "Entering", "One").id();
                TestCatalog.stats(entering, true, ratings);
                entries.added(entering);
            }
            for (String leaving : List.of(entries.listedAlready(shown), entries.notYetListed(shown))) {
                TestCatalog.stats(leaving, false, 4, 4, 4);
                entries.removed(leaving);
            }
        });
        entries.assertListedOnce(listed);
    }

    @Test
    void cursorsOfTheseListsAreOpaqueAndBoundToTheirList() {
        SeededCourse course = TestCatalog.published("alice", "Opaque", "One");
        SeededCourse other = TestCatalog.published("alice", "Other", "One");
        for (int i = 1; i <= 3; i++) {
            review("reader-" + i, course.id(), 5);
            review("reader-" + i, other.id(), 4);
            TestCatalog.stats(TestCatalog.published("alice", "Ranked " + i, "One").id(), true, RATINGS[i]);
        }
        PagingStability.Seen reviews = page("/courses/{c}/reviews", "userId", null, course.id());
        PagingStability.Seen ranked = page("/courses/top-rated", "id", null);
        List<String> shown = new ArrayList<>(reviews.ids());
        shown.add(course.id());
        Cursors.assertOpaque(reviews.nextCursor(), shown);
        Cursors.assertOpaque(ranked.nextCursor(), ranked.ids());
        problem(anonymous().queryParam("cursor", reviews.nextCursor()).get("/courses/{c}/reviews", other.id()).then(), 400, "invalid-cursor");
        problem(anonymous().queryParam("cursor", reviews.nextCursor()).get("/courses/top-rated").then(), 400, "invalid-cursor");
        problem(anonymous().queryParam("cursor", ranked.nextCursor()).get("/courses/{c}/reviews", course.id()).then(), 400, "invalid-cursor");
    }
}
