package dev.skillforge.courses.app;

import java.util.List;

/** The editable content of a course, already validated by the API layer. */
public record CourseEdit(String title, String description, String category, List<String> tags, String level, String coverImageKey) {
}
