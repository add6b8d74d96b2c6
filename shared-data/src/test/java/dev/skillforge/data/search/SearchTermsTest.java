package dev.skillforge.data.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseStatus;

class SearchTermsTest {

    @Test
    void foldsCaseAndAccentsAndDropsShortAndCommonWords() {
        assertEquals(List.of("cafe", "creme", "brulee", "101"), SearchTerms.words("The Café: Crème-Brûlée a 101!"));
    }

    @Test
    void titleWordsOutweighTagsAndCategory() {
        Course course = new Course("c1", "o", "Spring Boot", null, "web-development", List.of("spring", "java"), "beginner", null,
                CourseStatus.PUBLISHED, 1, Instant.EPOCH, Instant.EPOCH, "o", Instant.EPOCH);
        assertEquals(Map.of("spring", 3, "boot", 3, "java", 2, "web", 2, "development", 2), SearchTerms.of(course));
    }

    @Test
    void termsAreCappedInLength() {
        assertEquals(SearchTerms.MAX_LENGTH, SearchTerms.words("x".repeat(100)).get(0).length());
    }
}
