package dev.skillforge.data.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.table.SkillForgeTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * How many published courses have each word, exactly: a course's manifest lists the words it is counted in
 * ({@code counted}), and one transaction moves a chunk of words into or out of that list together with their counts, on
 * the condition that the manifest is still at the position and count revision it was read at. So a count moves once per
 * course and word, whatever is delivered twice or crashes halfway; a later position takes the counting over from where
 * the list stands.
 */
final class WordCounts {

    /** Words per transaction (with the manifest's update, within DynamoDB's 100 actions). */
    static final int CHUNK = 90;
    private static final int MAX_ROUNDS = 24;

    private final SkillForgeTable table;
    private final SearchManifests manifests;

    WordCounts(SkillForgeTable table, SearchManifests manifests) {
        this.table = table;
        this.manifests = manifests;
    }

    /**
     * Counts the course in exactly the words of {@code manifest} (as claimed or read); answers the manifest as it then
     * stands, or null when a later position took it over (and with it the counting).
     */
    SearchManifest settle(SearchManifest manifest) {
        long position = manifest.position();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            if (manifest.position() != position) {
                return null;
            }
            SearchManifest current = manifest;
            List<String> adds = current.words().keySet().stream().filter(word -> !current.counted().contains(word)).sorted().toList();
            List<String> removes = current.counted().stream().filter(word -> !current.words().containsKey(word)).sorted().toList();
            if (adds.isEmpty() && removes.isEmpty()) {
                return current;
            }
            List<String> chunk = new ArrayList<>(adds);
            chunk.addAll(removes);
            SearchManifest moved = move(current, chunk.subList(0, Math.min(CHUNK, chunk.size())));
            if (moved == null) {
                Backoff.pause(round);
                manifest = manifests.read(current.courseId());
            } else {
                manifest = moved;
            }
        }
        throw new IllegalStateException("the word counts of course " + manifest.courseId() + " kept being moved by another writer");
    }

    /** One transaction: the chunk's counts and the manifest's lists; null when the manifest moved or the items were busy. */
    private SearchManifest move(SearchManifest manifest, List<String> chunk) {
        Set<String> counted = new LinkedHashSet<>(manifest.counted());
        Set<String> refresh = new LinkedHashSet<>(manifest.refresh());
        List<TransactWriteItem> actions = new ArrayList<>();
        for (String word : chunk) {
            boolean add = manifest.words().containsKey(word);
            if (add) {
                counted.add(word);
            } else {
                counted.remove(word);
            }
            refresh.add(word);
            actions.add(TransactWriteItem.builder().update(countUpdate(word, add ? 1 : -1)).build());
        }
        actions.add(0, TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                .key(SearchKeys.manifest(manifest.courseId()).toAttributes())
                .updateExpression("SET #counted = :counted, #refresh = :refresh ADD #revision :one")
                .conditionExpression("#position = :position AND #revision = :revision")
                .expressionAttributeNames(Map.of("#counted", SearchManifest.COUNTED, "#refresh", SearchManifest.REFRESH,
                        "#revision", SearchManifest.COUNT_REVISION, "#position", SearchManifest.POSITION))
                .expressionAttributeValues(Map.of(":counted", strings(counted), ":refresh", strings(refresh),
                        ":one", SearchManifests.number(1), ":position", SearchManifests.number(manifest.position()),
                        ":revision", SearchManifests.number(manifest.countRevision())))
                .build()).build());
        try {
            table.client().transactWriteItems(b -> b.transactItems(actions));
            return manifest.counted(List.copyOf(counted), List.copyOf(refresh));
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.cancellationReasons();
            boolean retryable = reasons.stream().allMatch(r -> r.code() == null || "None".equals(r.code())
                    || "ConditionalCheckFailed".equals(r.code()) || "TransactionConflict".equals(r.code())
                    || "ThrottlingError".equals(r.code()) || "ProvisionedThroughputExceeded".equals(r.code()));
            if (!retryable) {
                throw cancelled;
            }
            return null;
        }
    }

    private Update countUpdate(String word, int delta) {
        return Update.builder().tableName(table.name())
                .key(SearchKeys.wordCount(word).toAttributes())
                .updateExpression("SET #entity = :entity, #schema = :schema, #word = :word ADD #courses :delta")
                .expressionAttributeNames(Map.of("#entity", ItemWriter.ENTITY, "#schema", ItemWriter.SCHEMA_VERSION, "#word", "word",
                        "#courses", COURSES))
                .expressionAttributeValues(Map.of(":entity", AttributeValue.fromS(SearchKeys.WORD_COUNT_ENTITY),
                        ":schema", SearchManifests.number(1), ":word", AttributeValue.fromS(word),
                        ":delta", SearchManifests.number(delta)))
                .build();
    }

    static final String COURSES = "courses";

    private static AttributeValue strings(Set<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }
}
