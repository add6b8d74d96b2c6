package dev.skillforge.data.search;

import java.util.Map;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A posting item and back. {@code position} is the manifest position (course history) that wrote it. */
public final class PostingCodec {

    static final int SCHEMA_VERSION = 1;
    public static final String POSITION = "position";
    static final String WORD = "word";
    static final String WEIGHT = "weight";
    static final String TERMS = "terms";

    private PostingCodec() {
    }

    public static Map<String, AttributeValue> toItem(String word, int weight, CourseCard card, Map<String, Integer> terms, long position) {
        return ItemWriter.of(SearchKeys.posting(word, weight, card.publishedAt(), card.courseId()), SearchKeys.POSTING_ENTITY, SCHEMA_VERSION)
                .put(WORD, word)
                .put(WEIGHT, weight)
                .put(POSITION, position)
                .put("courseId", card.courseId())
                .put("title", card.title())
                .put("summary", card.summary())
                .put("category", card.category())
                .putStrings("tags", card.tags().isEmpty() ? null : card.tags())
                .put("level", card.level())
                .put("coverImageKey", card.coverImageKey())
                .put("ownerId", card.ownerId())
                .put(ItemWriter.VERSION, card.version())
                .put("publishedAt", card.publishedAt())
                .put(ItemWriter.UPDATED_AT, card.updatedAt())
                .put(TERMS, TermWeights.encode(terms))
                .build();
    }

    public static SearchEntry fromItem(Map<String, AttributeValue> item) {
        CourseCard card = new CourseCard(Items.string(item, "courseId"), Items.string(item, "title"), Items.string(item, "summary"),
                Items.string(item, "category"), Items.strings(item, "tags"), Items.string(item, "level"),
                Items.string(item, "coverImageKey"), Items.string(item, "ownerId"), Items.number(item, ItemWriter.VERSION, 0),
                Items.instant(item, "publishedAt"), Items.instant(item, ItemWriter.UPDATED_AT));
        return new SearchEntry(Items.string(item, WORD), (int) Items.number(item, WEIGHT, 0), card,
                TermWeights.parse(Items.string(item, TERMS)));
    }
}
