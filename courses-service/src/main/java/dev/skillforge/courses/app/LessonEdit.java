package dev.skillforge.courses.app;

import dev.skillforge.data.lesson.Quiz;

/** The editable content of a lesson, already validated by the API layer. */
public record LessonEdit(String title, String summary, String content, String videoKey, Integer durationMinutes, Quiz quiz) {
}
