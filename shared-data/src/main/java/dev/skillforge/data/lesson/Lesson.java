package dev.skillforge.data.lesson;

import java.time.Instant;

/** A lesson as stored in its course's partition; {@code position} is its place in the outline item (0 when not read). */
public record Lesson(
        String courseId,
        String lessonId,
        int position,
        String title,
        String summary,
        String content,
        String videoKey,
        Integer durationMinutes,
        Quiz quiz,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String updatedBy) {

    public Lesson edited(String title, String summary, String content, String videoKey, Integer durationMinutes, Quiz quiz,
            Instant at, String by) {
        return new Lesson(courseId, lessonId, position, title, summary, content, videoKey, durationMinutes, quiz,
                version + 1, createdAt, at, by);
    }

    /** The same lesson seen at a place in the outline (the outline item orders lessons; nothing is written). */
    public Lesson movedTo(int outlinePosition) {
        return new Lesson(courseId, lessonId, outlinePosition, title, summary, content, videoKey, durationMinutes, quiz,
                version, createdAt, updatedAt, updatedBy);
    }
}
