package dev.skillforge.data.lesson;

import java.time.Instant;

/** A lesson as stored in its course's partition. {@code position} orders the outline. */
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

    public Lesson movedTo(int newPosition, Instant at, String by) {
        return new Lesson(courseId, lessonId, newPosition, title, summary, content, videoKey, durationMinutes, quiz,
                version + 1, createdAt, at, by);
    }
}
