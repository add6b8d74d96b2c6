package dev.skillforge.courses.api;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.skillforge.data.search.CourseCard;
import dev.skillforge.web.media.MediaLinks;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A search result: a published course as the search index holds it (a moment behind the course itself). The
 * description is cut to a summary; {@code GET /courses/{courseId}} has the whole course.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A published course found by a search, as the search index holds it (a moment behind the course); "
        + "the description is cut to a summary of at most 160 characters, GET /courses/{courseId} has the whole course")
public record SearchResultView(
        String id,
        String title,
        @Schema(description = "The description's first words, at most 160 characters (an ellipsis when cut)") @Nullable String summary,
        @Nullable String category,
        @Nullable List<String> tags,
        @Nullable String level,
        @Nullable String coverImageKey,
        @Schema(description = "The cover image, public through the CDN (absent without a cover)") @Nullable String coverImageUrl,
        String instructorId,
        long version,
        Instant publishedAt,
        Instant updatedAt) {

    public static SearchResultView of(CourseCard card, MediaLinks media) {
        return new SearchResultView(card.courseId(), card.title(), card.summary(), card.category(), card.tags(), card.level(),
                card.coverImageKey(), media.publicUrl(card.coverImageKey()), card.ownerId(), card.version(), card.publishedAt(), card.updatedAt());
    }
}
