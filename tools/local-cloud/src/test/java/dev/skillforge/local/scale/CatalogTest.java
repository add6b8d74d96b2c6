package dev.skillforge.local.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseCodec;
import dev.skillforge.data.enrollment.Enrollment;
import dev.skillforge.data.enrollment.EnrollmentCodec;
import dev.skillforge.data.review.Review;
import dev.skillforge.data.review.ReviewCodec;
import dev.skillforge.data.search.SearchTerms;

/**
 * The scale run's data plan, in every build (the run itself only when asked for): the seeded items are what the codecs
 * read back, the counts are the sizes asked for, every review is by an enrolled learner, and every search the run makes
 * names a published course.
 */
class CatalogTest {

    private static final ScaleSizes SIZES = ScaleSizes.TINY;
    private final Instant now = Instant.parse("2026-12-01T12:00:00Z");
    private final SeedItems items = new SeedItems(new Catalog(SIZES, now));
    private final Catalog catalog = items.catalog();

    @Test
    void theLargeCourseHasItsLearnersAndEveryItemReadsBackAsItsRecord() {
        assertEquals(SIZES.bigEnrollments(), catalog.learnersOf(Catalog.BIG).length);
        assertEquals(SIZES.bigEnrollments(), items.enrollments(Catalog.BIG).size());
        for (int c = 0; c < SIZES.courses(); c++) {
            Course course = items.course(c);
            assertEquals(course, CourseCodec.fromItem(items.courseItem(c)));
            for (Enrollment enrollment : items.enrollments(c)) {
                assertEquals(enrollment, EnrollmentCodec.fromItem(EnrollmentCodec.toItem(enrollment)));
                assertEquals(course.courseId(), enrollment.courseId());
                assertTrue(course.isPublished(), "enrollments only in published courses");
            }
            assertEquals(catalog.lessonCount(c), items.lessons(c).size());
        }
    }

    @Test
    void reviewsAreByEnrolledLearnersOnceEach() {
        for (int c = 0; c < SIZES.courses(); c++) {
            Set<String> authors = new HashSet<>();
            Set<String> enrolled = new HashSet<>();
            items.enrollments(c).forEach(e -> enrolled.add(e.userId()));
            for (Review review : items.reviews(c)) {
                assertEquals(review, ReviewCodec.fromItem(ReviewCodec.toItem(review)));
                assertTrue(enrolled.contains(review.userId()), "a review by a learner who is not enrolled");
                assertTrue(authors.add(review.userId()), "two reviews by one learner");
                assertTrue(review.rating() >= 1 && review.rating() <= 5);
            }
        }
    }

    @Test
    void everySearchNamesAPublishedCourse() {
        List<List<Set<String>>> published = new java.util.ArrayList<>();
        for (int c = 0; c < SIZES.courses(); c++) {
            if (items.course(c).isPublished()) {
                published.add(List.of(SearchTerms.of(items.course(c)).keySet()));
            }
        }
        List<String> queries = catalog.searches(SIZES.searches());
        assertEquals(SIZES.searches(), queries.size());
        for (String query : queries) {
            List<String> words = SearchTerms.words(query);
            assertFalse(words.isEmpty(), query);
            boolean found = published.stream().anyMatch(terms -> words.stream().allMatch(terms.get(0)::contains));
            assertTrue(found, "no published course has every word of '" + query + "'");
        }
    }

    @Test
    void theSamePlanEveryTime() {
        SeedItems again = new SeedItems(new Catalog(SIZES, now));
        for (int c = 0; c < SIZES.courses(); c++) {
            assertEquals(items.courseItem(c), again.courseItem(c));
        }
        assertEquals(items.learners(0, 50), again.learners(0, 50));
        assertEquals(items.enrollments(Catalog.BIG), again.enrollments(Catalog.BIG));
        assertEquals(catalog.searches(20), again.catalog().searches(20));
    }
}
