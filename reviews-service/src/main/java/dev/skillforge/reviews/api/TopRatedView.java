package dev.skillforge.reviews.api;

import jakarta.annotation.Nullable;
import dev.skillforge.web.media.MediaLinks;

import dev.skillforge.reviews.app.RatedCourse;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A course in the top-rated list. */
@RegisterForReflection
public record TopRatedView(String id, String title, @Nullable String category, @Nullable String coverImageKey, @Nullable String coverImageUrl, String instructorId, double average,
        long reviewCount) {

    public static TopRatedView of(RatedCourse r, MediaLinks media) {
        var c = r.course();
        return new TopRatedView(c.courseId(), c.title(), c.category(), c.coverImageKey(), media.publicUrl(c.coverImageKey()), c.ownerId(), r.rank().average(),
                r.rank().reviewCount());
    }
}
