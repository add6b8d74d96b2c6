package dev.skillforge.data.search;

/**
 * One posting as read: a published course under one of its words, with that word's weight in it, the course's card and
 * all its words (to score the query's other words without reading their postings).
 */
public record SearchEntry(String word, int weight, CourseCard course, TermWeights terms) {

    public String courseId() {
        return course.courseId();
    }

    /** Its place among the postings of {@link #word} when that word scores {@code factor} times the weight. */
    public SearchPosition position(int factor) {
        return new SearchPosition(weight * factor, course.publishedAt(), course.courseId());
    }
}
