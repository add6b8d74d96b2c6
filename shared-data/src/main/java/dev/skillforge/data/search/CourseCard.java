package dev.skillforge.data.search;

import java.time.Instant;
import java.util.List;

import dev.skillforge.data.course.Course;

/**
 * What a search result shows of a course, copied onto each of its postings so a page of results needs no read of the
 * course items (20 of them would cost 10 read units alone). The description is cut to a {@link #SUMMARY_CHARS}-character
 * summary: the whole text (up to 15 KB) on every posting would make a page cost as much as the course items.
 */
public record CourseCard(String courseId, String title, String summary, String category, List<String> tags, String level,
        String coverImageKey, String ownerId, long version, Instant publishedAt, Instant updatedAt) {

    public static final int SUMMARY_CHARS = 160;

    public CourseCard {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static CourseCard of(Course course) {
        // a published course always has publishedAt; the fallback only keeps a malformed item from breaking its postings' keys
        Instant published = course.publishedAt() != null ? course.publishedAt() : course.updatedAt();
        return new CourseCard(course.courseId(), course.title(), summary(course.description()), course.category(), course.tags(),
                course.level(), course.coverImageKey(), course.ownerId(), course.version(), published, course.updatedAt());
    }

    /** The description up to {@link #SUMMARY_CHARS} characters, cut after a whole word and marked with an ellipsis. */
    static String summary(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        String text = description.strip().replaceAll("\\s+", " ");
        if (text.length() <= SUMMARY_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', SUMMARY_CHARS - 1);
        if (cut < SUMMARY_CHARS / 2) {
            cut = SUMMARY_CHARS - 1;
        }
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut).stripTrailing() + "\u2026";
    }
}
