package dev.skillforge.data.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.skillforge.data.keys.Key;
import dev.skillforge.data.table.Concurrently;
import dev.skillforge.data.table.SkillForgeTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Writes a course's postings to what its manifest says. Each posting carries the position that wrote it, and every write
 * is conditional on it: a put never overwrites a later position's posting, a delete of a retired posting never removes
 * one a later position wrote again. Both are single-item conditional writes, several at a time.
 */
final class PostingWriter {

    private static final int PARALLEL = 8;

    private final SkillForgeTable table;

    PostingWriter(SkillForgeTable table) {
        this.table = table;
    }

    /** Puts the postings of {@code target} and deletes the ones {@code manifest} (at the target's position) retired. */
    void converge(SearchManifest manifest, SearchTarget target) {
        List<Runnable> writes = new ArrayList<>();
        if (target.indexed()) {
            CourseCard card = CourseCard.of(target.course());
            Map<String, Integer> words = target.words();
            words.forEach((word, weight) -> writes.add(() -> put(PostingCodec.toItem(word, weight, card, words, target.position()),
                    target.position())));
        }
        manifest.retired().forEach(entry -> writes.add(() -> delete(SearchManifest.postingKey(entry), "#position < :position",
                target.position())));
        Concurrently.forEach(writes, PARALLEL, Runnable::run);
    }

    /**
     * After a later position claimed the manifest while this one was writing: deletes this position's postings that the
     * later one does not keep (it may have retired them before they were put).
     */
    void withdraw(SearchTarget target, SearchManifest later) {
        if (!target.indexed()) {
            return;
        }
        Set<String> kept = later.postings();
        CourseCard card = CourseCard.of(target.course());
        List<Key> own = new ArrayList<>();
        target.words().forEach((word, weight) -> {
            String sortKey = SearchKeys.postingSortKey(weight, card.publishedAt(), card.courseId());
            if (!kept.contains(word + " " + sortKey)) {
                own.add(new Key(SearchKeys.wordPartition(word), sortKey));
            }
        });
        Concurrently.forEach(own, PARALLEL, key -> delete(key, "#position = :position", target.position()));
    }

    private void put(Map<String, AttributeValue> posting, long position) {
        SkillForgeTable.requireWritable(posting, "search posting");
        try {
            table.client().putItem(b -> b.tableName(table.name()).item(posting)
                    .conditionExpression("attribute_not_exists(PK) OR #position <= :position")
                    .expressionAttributeNames(Map.of("#position", PostingCodec.POSITION))
                    .expressionAttributeValues(Map.of(":position", SearchManifests.number(position))));
        } catch (ConditionalCheckFailedException later) {
            // a later position wrote this posting: it stays
        }
    }

    private void delete(Key key, String condition, long position) {
        try {
            table.client().deleteItem(b -> b.tableName(table.name()).key(key.toAttributes())
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#position", PostingCodec.POSITION))
                    .expressionAttributeValues(Map.of(":position", SearchManifests.number(position))));
        } catch (ConditionalCheckFailedException goneOrLater) {
            // already deleted, or written again by a later position
        }
    }
}
