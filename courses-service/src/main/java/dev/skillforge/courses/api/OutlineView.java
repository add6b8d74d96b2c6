package dev.skillforge.courses.api;

import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.skillforge.courses.app.Outline;
import dev.skillforge.data.lesson.CourseOutline;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A course's lessons in order (titles, minutes, quiz flags; no summary or content: GET /courses/{courseId}/lessons/{lessonId} has a
 * lesson's body) and what the caller may open: {@code outline}, {@code content} (enrolled) or {@code author}. Authors
 * get the outline's {@code version}, which a reorder may send.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutlineView(String courseId, String access, @Nullable Long version, List<LessonView> lessons) {

    public static OutlineView of(Outline outline) {
        boolean author = outline.access() == Outline.Access.AUTHOR;
        List<LessonView> views = new ArrayList<>();
        List<CourseOutline.Entry> entries = outline.lessons().lessons();
        for (int i = 0; i < entries.size(); i++) {
            views.add(LessonView.of(entries.get(i), i + 1, author));
        }
        return new OutlineView(outline.course().courseId(), outline.access().name().toLowerCase(),
                author ? outline.lessons().version() : null, views);
    }
}
