package dev.skillforge.data.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.skillforge.data.item.Items;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.table.Concurrently;
import dev.skillforge.data.table.SkillForgeTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Brings the prefix items of words whose counts moved up to date: each word's prefixes of 2 to 6 characters get its
 * current count (or lose it at 0), cut back to the most used {@link PrefixWords#MAX_WORDS}. A prefix item is read, then
 * the counts, then it is put on the revision it was read at; a writer that lost re-reads both. So the last write of a
 * prefix item always used counts read after every count change that preceded it, and refreshing twice changes nothing.
 */
final class PrefixLists {

    private static final int PARALLEL = 8;
    private static final int MAX_ATTEMPTS = 12;

    private final SkillForgeTable table;

    PrefixLists(SkillForgeTable table) {
        this.table = table;
    }

    void refresh(Collection<String> words) {
        Map<String, List<String>> wordsByPrefix = new LinkedHashMap<>();
        for (String word : words) {
            for (int length = SearchKeys.SHORTEST_PREFIX; length <= Math.min(SearchKeys.LONGEST_PREFIX, word.length()); length++) {
                wordsByPrefix.computeIfAbsent(word.substring(0, length), p -> new ArrayList<>()).add(word);
            }
        }
        // one read of all the prefix items, then of all the counts; a prefix item that changed meanwhile is done again alone
        Map<String, PrefixWords> read = new LinkedHashMap<>();
        wordsByPrefix.keySet().forEach(prefix -> read.put(prefix, PrefixWords.none(prefix)));
        table.batchGetConsistent(wordsByPrefix.keySet().stream().map(SearchKeys::prefix).toList())
                .forEach(item -> read.put(Items.string(item, "prefix"), PrefixWords.fromItem(item)));
        Map<String, Long> counts = counts(List.copyOf(new java.util.LinkedHashSet<>(words)));
        List<String> lost = java.util.Collections.synchronizedList(new ArrayList<>());
        Concurrently.forEach(wordsByPrefix.entrySet(), PARALLEL, entry -> {
            if (!update(read.get(entry.getKey()), entry.getValue(), counts)) {
                lost.add(entry.getKey());
            }
        });
        lost.forEach(prefix -> refresh(prefix, wordsByPrefix.get(prefix)));
    }

    private void refresh(String prefix, List<String> words) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Backoff.pause(attempt + 1);
            PrefixWords current = table.get(SearchKeys.prefix(prefix)).map(PrefixWords::fromItem).orElseGet(() -> PrefixWords.none(prefix));
            if (update(current, words, counts(words))) {
                return;
            }
        }
        throw new IllegalStateException("the prefix item " + prefix + " kept changing under its refresh");
    }

    /** Puts {@code current} with the counts of {@code words}, if that changes it; false when it changed since it was read. */
    private boolean update(PrefixWords current, List<String> words, Map<String, Long> counts) {
        PrefixWords next = current;
        for (String word : words) {
            next = next.with(word, counts.getOrDefault(word, 0L));
        }
        return next.equals(current) || put(new PrefixWords(current.prefix(), next.counts(), next.trimmed(), current.revision() + 1), current);
    }

    private Map<String, Long> counts(List<String> words) {
        List<Key> keys = words.stream().map(SearchKeys::wordCount).toList();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : table.batchGetConsistent(keys)) {
            counts.put(Items.string(item, "word"), Items.number(item, WordCounts.COURSES, 0));
        }
        return counts;
    }

    private boolean put(PrefixWords next, PrefixWords read) {
        try {
            // revision 0 is "none was there": no stored item has it
            table.client().putItem(b -> b.tableName(table.name()).item(next.toItem())
                    .conditionExpression("attribute_not_exists(PK) OR #revision = :read")
                    .expressionAttributeNames(Map.of("#revision", "revision"))
                    .expressionAttributeValues(Map.of(":read", SearchManifests.number(read.revision()))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }
}
