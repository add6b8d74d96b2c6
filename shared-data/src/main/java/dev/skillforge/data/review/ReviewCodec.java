package dev.skillforge.data.review;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Review <-> item; the item carries the newest-first GSI1 key of its course. */
public final class ReviewCodec {

    public static final int SCHEMA_VERSION = 1;
    public static final String RATING = "rating";

    static final Set<String> OWNED = new LinkedHashSet<>(List.of(ItemWriter.ENTITY, ItemWriter.SCHEMA_VERSION, "courseId", "userId",
            RATING, "title", "text", ItemWriter.VERSION, ItemWriter.CREATED_AT, ItemWriter.UPDATED_AT, ItemWriter.UPDATED_BY, ItemWriter.CORRELATION_ID,
            TableDesign.GSI1.partitionKey(), TableDesign.GSI1.sortKey()));

    private ReviewCodec() {
    }

    public static Map<String, AttributeValue> toItem(Review review) {
        return ItemWriter.of(ReviewKeys.primary(review.courseId(), review.userId()), ReviewKeys.ENTITY, SCHEMA_VERSION)
                .put("courseId", review.courseId())
                .put("userId", review.userId())
                .put(RATING, review.rating())
                .put("title", review.title())
                .put("text", review.text())
                .put(ItemWriter.VERSION, review.version())
                .audited(review.createdAt(), review.updatedAt(), review.updatedBy())
                .index(ReviewKeys.newestFirst(review.courseId(), review.createdAt(), review.userId()))
                .build();
    }

    public static Review fromItem(Map<String, AttributeValue> item) {
        return new Review(
                Items.string(item, "courseId"),
                Items.string(item, "userId"),
                (int) Items.number(item, RATING, 0),
                Items.string(item, "title"),
                Items.string(item, "text"),
                Items.number(item, ItemWriter.VERSION, 0),
                Items.instant(item, ItemWriter.CREATED_AT),
                Items.instant(item, ItemWriter.UPDATED_AT),
                Items.string(item, ItemWriter.UPDATED_BY));
    }
}
