package dev.skillforge.courses.api;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** The new order of a course's lessons: every lesson id exactly once; {@code version}: the outline version read, if any. */
public record ReorderRequest(@NotEmpty @Size(max = 200) List<@NotNull String> lessonIds, @PositiveOrZero Long version) {
}
