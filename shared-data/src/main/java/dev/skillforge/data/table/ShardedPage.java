package dev.skillforge.data.table;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.skillforge.data.paging.CursorCodec;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.problem.InvalidCursor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One newest-first page of a list whose entries are spread over several partition keys of one index (write shards) that
 * share one order of unique sort keys. Every shard is queried at the same time with a small Limit, the answers are
 * merged by sort key, and a shard whose fetched entries are used up while it has more is read on before anything after
 * them is shown, so the page is exactly the list's next entries in order.
 * <p>
 * <b>The cursor.</b> Because the merge shows a prefix of the list's order, every shard's position after a page is the
 * same: just below the sort key of the page's last entry. The cursor holds that boundary (sealed, bound to the list by
 * its scope) and the closed sources (a key no longer written, such as the list's key before sharding) found used up, which
 * later pages skip. The next page queries each shard for sort keys below the boundary: an entry that arrives meanwhile
 * above it is not shown (as in any descending list), one below it is shown once, and none is shown twice.
 */
final class ShardedPage {

    /** Over the expected share of a page per shard (limit / shards), so that a shard rarely has to be read twice. */
    static final int SPARE_PER_SHARD = 2;

    private final DynamoDbClient client;
    private final String table;
    private final IndexDesign index;

    ShardedPage(DynamoDbClient client, String table, IndexDesign index) {
        this.client = client;
        this.table = table;
        this.index = index;
    }

    /** One partition read newest first below the boundary, what it has delivered and not yet shown, and where it stopped. */
    private final class Source {
        final int number;
        final String partition;
        final int batch;
        final boolean closed;
        final ArrayDeque<Map<String, AttributeValue>> fetched = new ArrayDeque<>();
        Map<String, AttributeValue> resumeAt;
        boolean drained;

        Source(int number, String partition, int batch, boolean closed) {
            this.number = number;
            this.partition = partition;
            this.batch = batch;
            this.closed = closed;
        }

        boolean needsReading() {
            return fetched.isEmpty() && !drained;
        }

        String head() {
            return fetched.peek().get(index.sortKey()).s();
        }

        void fetch(String before, int wanted) {
            Map<String, String> names = Map.of("#pk", index.partitionKey(), "#sk", index.sortKey());
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(partition)));
            if (before != null) {
                values.put(":before", AttributeValue.fromS(before));
            }
            QueryResponse response = client.query(b -> b.tableName(table)
                    .indexName(index.name())
                    .keyConditionExpression(before == null ? "#pk = :pk" : "#pk = :pk AND #sk < :before")
                    .expressionAttributeNames(before == null ? Map.of("#pk", index.partitionKey()) : names)
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .limit(Math.max(1, Math.min(wanted, batch)))
                    .exclusiveStartKey(resumeAt));
            fetched.addAll(response.items());
            resumeAt = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            drained = resumeAt == null;
        }
    }

    /**
     * The page of the list made of {@code shards} and {@code closed} (partitions that receive no more entries: read in
     * full pages, and skipped once used up), by the class comment; the cursor is bound to {@code scope}.
     */
    Page<Map<String, AttributeValue>> read(List<String> shards, List<String> closed, PageRequest page, CursorCodec cursors, String scope) {
        Position position = Position.decode(cursors.decode(scope, page.cursor(), 2), shards.size() + closed.size());
        int perShard = (page.limit() + shards.size() - 1) / shards.size() + SPARE_PER_SHARD;
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            sources.add(new Source(i, shards.get(i), perShard, false));
        }
        for (int i = 0; i < closed.size(); i++) {
            int number = shards.size() + i;
            if (!position.drained().contains(number)) {
                sources.add(new Source(number, closed.get(i), page.limit(), true));
            }
        }
        List<Map<String, AttributeValue>> shown = new ArrayList<>();
        while (shown.size() < page.limit()) {
            List<Source> unread = sources.stream().filter(Source::needsReading).toList();
            if (!unread.isEmpty()) {
                int wanted = page.limit() - shown.size();
                Concurrently.forEach(unread, unread.size(), source -> source.fetch(position.before(), wanted));
                continue;
            }
            Source next = sources.stream().filter(s -> !s.fetched.isEmpty()).max(Comparator.comparing(Source::head)).orElse(null);
            if (next == null) {
                break;
            }
            shown.add(next.fetched.poll());
        }
        boolean more = sources.stream().anyMatch(s -> !s.fetched.isEmpty() || !s.drained);
        String nextCursor = null;
        if (more && !shown.isEmpty()) {
            List<Integer> drained = new ArrayList<>(position.drained());
            sources.stream().filter(s -> s.closed && s.drained && s.fetched.isEmpty()).forEach(s -> drained.add(s.number));
            String boundary = shown.get(shown.size() - 1).get(index.sortKey()).s();
            nextCursor = cursors.encode(scope, new Position(boundary, drained).encode());
        }
        return new Page<>(shown, nextCursor);
    }

    /**
     * Where the next page starts: below {@code before} (null: at the top) in every shard, skipping the closed sources
     * numbered in {@code drained}. In a cursor: the boundary, then the drained numbers joined by commas.
     */
    record Position(String before, List<Integer> drained) {

        List<String> encode() {
            StringJoiner numbers = new StringJoiner(",");
            drained.forEach(n -> numbers.add(Integer.toString(n)));
            return List.of(before, numbers.toString());
        }

        static Position decode(List<String> values, int sources) {
            if (values == null) {
                return new Position(null, List.of());
            }
            String before = values.get(0);
            if (before.isEmpty()) {
                throw new InvalidCursor();
            }
            List<Integer> drained = new ArrayList<>();
            if (!values.get(1).isEmpty()) {
                try {
                    for (String number : values.get(1).split(",")) {
                        int n = Integer.parseInt(number);
                        if (n < 0 || n >= sources || drained.contains(n)) {
                            throw new InvalidCursor();
                        }
                        drained.add(n);
                    }
                } catch (NumberFormatException e) {
                    throw new InvalidCursor();
                }
            }
            return new Position(before, drained);
        }
    }
}
