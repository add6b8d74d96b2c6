package dev.skillforge.data.review;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;

/** Reviews; each method is one access pattern from {@link ReviewKeys}. */
@Singleton
public class ReviewRepository {

    private final SkillForgeTable table;

    @Inject
    public ReviewRepository(SkillForgeTable table) {
        this.table = table;
    }

    public Optional<Review> find(String courseId, String userId) {
        return table.get(ReviewKeys.primary(courseId, userId)).map(ReviewCodec::fromItem);
    }

    /** The key is course + author, so a second review by the same user never overwrites the first; false then. */
    public boolean createIfAbsent(Review review) {
        return table.putIfAbsent(ReviewCodec.toItem(review));
    }

    public Review update(Review next, long expectedVersion) {
        table.updateVersioned(ReviewKeys.primary(next.courseId(), next.userId()), ReviewCodec.toItem(next), ReviewCodec.OWNED,
                expectedVersion, "review");
        return next;
    }

    public void delete(String courseId, String userId, long expectedVersion, String actor) {
        table.deleteVersioned(ReviewKeys.primary(courseId, userId), expectedVersion, "review", actor);
    }

    public Page<Review> newestFirst(String courseId, PageRequest page) {
        return table.partitionPage(TableDesign.GSI1, ReviewKeys.newestFirst(courseId, java.time.Instant.EPOCH, "").pk(), true, page).map(ReviewCodec::fromItem);
    }
}
