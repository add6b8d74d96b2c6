package dev.skillforge.courses.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;

import dev.skillforge.courses.app.Outline;

/** A course's lessons in order, and which view of them the caller got (outline, content or author). */
@RegisterForReflection
public record OutlineView(String courseId, String access, List<LessonView> lessons) {

    public static OutlineView of(Outline outline) {
        List<LessonView> views = new ArrayList<>();
        for (int i = 0; i < outline.lessons().size(); i++) {
            views.add(LessonView.of(outline.lessons().get(i), i + 1, outline.access()));
        }
        return new OutlineView(outline.course().courseId(), outline.access().name().toLowerCase(), views);
    }
}
