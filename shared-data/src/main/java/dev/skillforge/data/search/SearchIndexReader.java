package dev.skillforge.data.search;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.item.Items;
import dev.skillforge.data.table.SkillForgeTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The read side of the search index, for the search route: prefix items and pages of a word's postings, best first. All
 * reads are eventually consistent (half the units): the index follows the stream anyway, a moment behind the courses.
 */
@Singleton
public class SearchIndexReader {

    private final SkillForgeTable table;

    @Inject
    public SearchIndexReader(SkillForgeTable table) {
        this.table = table;
    }

    /** The prefix items of {@code prefixes} (one BatchGetItem); a prefix no indexed word has maps to an empty list. */
    public Map<String, PrefixWords> prefixes(Collection<String> prefixes) {
        Map<String, PrefixWords> found = new HashMap<>();
        for (Map<String, AttributeValue> item : table.batchGet(prefixes.stream().distinct().map(SearchKeys::prefix).toList())) {
            PrefixWords words = PrefixWords.fromItem(item);
            found.put(words.prefix(), words);
        }
        Map<String, PrefixWords> all = new LinkedHashMap<>();
        prefixes.forEach(prefix -> all.put(prefix, found.getOrDefault(prefix, PrefixWords.none(prefix))));
        return all;
    }

    /** Which postings of a word to read, best first: all, those below a sort key, or those down to one (inclusive). */
    public record Range(String below, String downTo) {

        public static final Range ALL = new Range(null, null);

        public static Range below(String sortKey) {
            return new Range(sortKey, null);
        }

        public static Range downTo(String sortKey) {
            return new Range(null, sortKey);
        }
    }

    /** One page of postings and where the next starts (null: the range is read to its end). */
    public record Postings(List<SearchEntry> entries, Map<String, AttributeValue> next) {
    }

    /** At most {@code limit} postings of {@code word} in {@code range}, best first, from {@code start} (null: the top). */
    public Postings postings(String word, Range range, int limit, Map<String, AttributeValue> start) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", AttributeValue.fromS(SearchKeys.wordPartition(word)));
        String condition = "PK = :pk";
        if (range.below() != null) {
            condition += " AND SK < :bound";
            values.put(":bound", AttributeValue.fromS(range.below()));
        } else if (range.downTo() != null) {
            condition += " AND SK >= :bound";
            values.put(":bound", AttributeValue.fromS(range.downTo()));
        }
        String keyCondition = condition;
        QueryResponse response = table.client().query(b -> b.tableName(table.name())
                .keyConditionExpression(keyCondition)
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(start));
        List<SearchEntry> entries = response.items().stream()
                .filter(item -> SearchKeys.POSTING_ENTITY.equals(Items.string(item, dev.skillforge.data.item.ItemWriter.ENTITY)))
                .map(PostingCodec::fromItem)
                .toList();
        Map<String, AttributeValue> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey() : null;
        return new Postings(entries, next);
    }
}
