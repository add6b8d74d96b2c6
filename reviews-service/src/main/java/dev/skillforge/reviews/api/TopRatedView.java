package dev.skillforge.reviews.api;

import dev.skillforge.web.media.MediaLinks;

import dev.skillforge.reviews.app.RatedCourse;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A course in the top-rated list. */
@RegisterForReflection
public record TopRatedView(String id, String title, String category, String coverImageKey, String coverImageUrl, String instructorId, double average,
        long reviewCount) {

    public static TopRatedView of(RatedCourse r, MediaLinks media) {
        var c = r.course();
        return new TopRatedView(c.courseId(), c.title(), c.category(), c.coverImageKey(), media.publicUrl(c.coverImageKey()), c.ownerId(), r.rank().average(),
                r.rank().reviewCount());
    }
}
