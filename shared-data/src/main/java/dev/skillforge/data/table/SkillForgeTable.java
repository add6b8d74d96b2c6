package dev.skillforge.data.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.config.SkillForgeConfig;
import dev.skillforge.data.item.ItemSize;
import dev.skillforge.data.item.ItemUpdate;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.paging.CursorCodec;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.problem.InvalidCursor;
import dev.skillforge.data.problem.NotFound;
import dev.skillforge.data.problem.StaleVersion;
import dev.skillforge.data.problem.TooLarge;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The SkillForge table as repositories use it: the client, the name from configuration, and the few
 * multi-item mechanics (paged queries with sealed cursors, batch reads and writes with their retries).
 */
@Singleton
public class SkillForgeTable {

    private static final int BATCH_GET_LIMIT = 100;
    private static final int BATCH_WRITE_LIMIT = 25;
    /** Batch writes in flight at once for one call. */
    static final int PARALLEL_BATCHES = 8;
    private static final int MAX_UNPROCESSED_ROUNDS = 8;
    /** Idle DynamoDB connections the JDK keeps for reuse: enough for the concurrent calls above (its default is 5). */
    static final String KEEP_ALIVE_CONNECTIONS = "32";

    static {
        // The URL connection client pools through the JDK's keep-alive cache, sized once, when HttpURLConnection first
        // keeps a connection alive: no DynamoDB call can come before this class is loaded. With the default of 5, the
        // stream benchmark opened 2,296 connections (strace); with 32, 77. Locally that is cheap, on AWS each one is a
        // TLS handshake.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", KEEP_ALIVE_CONNECTIONS);
        }
    }

    private final DynamoDbClient client;
    private final String name;
    private final CursorCodec cursors;

    @Inject
    public SkillForgeTable(DynamoDbClient client, SkillForgeConfig config, CursorCodec cursors) {
        this(client, config.tableName(), cursors);
    }

    public SkillForgeTable(DynamoDbClient client, String name, CursorCodec cursors) {
        this.client = client;
        this.name = name;
        this.cursors = cursors;
    }

    public DynamoDbClient client() {
        return client;
    }

    public String name() {
        return name;
    }

    /** A strongly consistent read of one item. */
    public Optional<Map<String, AttributeValue>> get(Key key) {
        GetItemResponse response = client.getItem(b -> b.tableName(name).key(key.toAttributes()).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    /**
     * An eventually consistent read of one item (half the read units): for public reads and for items whose last moments
     * of change do not matter to the caller (docs/data-model.md, "Read consistency").
     */
    public Optional<Map<String, AttributeValue>> getEventually(Key key) {
        GetItemResponse response = client.getItem(b -> b.tableName(name).key(key.toAttributes()));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    /**
     * Refuses to write an item DynamoDB would refuse (over 400 KB) with a clear 413 instead of a failed call: the API's
     * byte limits keep every item below, this is the last guard. {@code what} names the object in the problem.
     */
    public static void requireWritable(Map<String, AttributeValue> item, String what) {
        long size = ItemSize.of(item);
        if (size > ItemSize.WRITABLE) {
            throw new TooLarge("The " + what + " would take " + size + " bytes stored; at most " + ItemSize.WRITABLE
                    + " are accepted. Shorten its texts.");
        }
    }

    /** Puts a new item; an item already under that key is never overwritten ({@code attribute_not_exists}). */
    public void create(Map<String, AttributeValue> item, String alreadyExists) {
        if (!putIfAbsent(item)) {
            throw Conflict.alreadyExists(alreadyExists);
        }
    }

    /** {@link #create} for callers that answer an existing item themselves: false when one is already there. */
    public boolean putIfAbsent(Map<String, AttributeValue> item) {
        requireWritable(item, item.containsKey(ItemWriter.ENTITY) ? item.get(ItemWriter.ENTITY).s() : "item");
        try {
            client.putItem(b -> b.tableName(name).item(item).conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Optimistic concurrency: one UpdateItem that sets the owned attributes present in {@code desired} and
     * removes the owned absent ones, only while the stored {@code version} is {@code expectedVersion}.
     */
    public void updateVersioned(Key key, Map<String, AttributeValue> desired, Set<String> owned, long expectedVersion, String what) {
        Update update = versionedUpdate(key, desired, owned, expectedVersion, what);
        try {
            client.updateItem(asRequest(update));
        } catch (ConditionalCheckFailedException e) {
            throw versionConflict(key, expectedVersion, what);
        }
    }

    /**
     * The write of {@link #updateVersioned}, for a single UpdateItem or as a transaction's action: SETs the owned attributes
     * present in {@code desired}, REMOVEs the owned absent ones, only while the stored version is {@code expectedVersion}.
     */
    public Update versionedUpdate(Key key, Map<String, AttributeValue> desired, Set<String> owned, long expectedVersion, String what) {
        requireWritable(desired, what);
        ItemUpdate update = ItemUpdate.of(desired, owned)
                .withCondition(Map.of("#cversion", ItemWriter.VERSION),
                        Map.of(":cversion", AttributeValue.fromN(Long.toString(expectedVersion))));
        return Update.builder().tableName(name)
                .key(key.toAttributes())
                .updateExpression(update.updateExpression())
                .conditionExpression("attribute_exists(PK) AND #cversion = :cversion")
                .expressionAttributeNames(update.names())
                .expressionAttributeValues(update.values())
                .build();
    }

    /** A transaction's Update action sent alone, as one UpdateItem. */
    public static UpdateItemRequest asRequest(Update update) {
        return UpdateItemRequest.builder().tableName(update.tableName())
                .key(update.key())
                .updateExpression(update.updateExpression())
                .conditionExpression(update.conditionExpression())
                .expressionAttributeNames(update.expressionAttributeNames())
                .expressionAttributeValues(update.hasExpressionAttributeValues() ? update.expressionAttributeValues() : null)
                .build();
    }

    /**
     * {@link #updateVersioned} in a transaction with a ConditionCheck on another item: both hold or nothing is written.
     * A failed check is answered with {@code checkFailed}.
     */
    public void updateVersionedWhile(Key key, Map<String, AttributeValue> desired, Set<String> owned, long expectedVersion, String what,
            Key checked, String checkCondition, Map<String, String> checkNames, Map<String, AttributeValue> checkValues,
            java.util.function.Supplier<RuntimeException> checkFailed) {
        Update update = versionedUpdate(key, desired, owned, expectedVersion, what);
        try {
            client.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(update).build(),
                    TransactWriteItem.builder().conditionCheck(c -> c.tableName(name)
                            .key(checked.toAttributes())
                            .conditionExpression(checkCondition)
                            .expressionAttributeNames(checkNames)
                            .expressionAttributeValues(checkValues)).build()));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                throw versionConflict(key, expectedVersion, what);
            }
            if (reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                throw checkFailed.get();
            }
            throw e;
        }
    }

    /**
     * Deletes an item only while its stored {@code version} is {@code expectedVersion}. The deleter is stamped on
     * the item first (deletedBy, deletedAt) because a stream REMOVE record carries only the old image: that is how
     * the audit log names who deleted it. The stamp is not an edit (the version stays).
     */
    public void deleteVersioned(Key key, long expectedVersion, String what, String actor) {
        Map<String, String> names = Map.of("#version", ItemWriter.VERSION);
        Map<String, AttributeValue> version = Map.of(":version", AttributeValue.fromN(Long.toString(expectedVersion)));
        try {
            stampDeleter(key, actor, "attribute_exists(PK) AND #version = :version", names, version);
            client.deleteItem(b -> b.tableName(name)
                    .key(key.toAttributes())
                    .conditionExpression("attribute_exists(PK) AND #version = :version")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(version));
        } catch (ConditionalCheckFailedException e) {
            throw versionConflict(key, expectedVersion, what);
        }
    }

    /**
     * {@link #deleteVersioned}, with items that must not outlive it deleted in the same transaction (whether or not they
     * exist): nobody ever sees the item gone and its dependents still there.
     */
    public void deleteVersionedWith(Key key, long expectedVersion, String what, String actor, List<Key> dependents) {
        stampDeletion(key, expectedVersion, what, actor);
        List<TransactWriteItem> items = new java.util.ArrayList<>();
        items.add(TransactWriteItem.builder().delete(d -> d.tableName(name).key(key.toAttributes())
                .conditionExpression("attribute_exists(PK) AND #version = :version")
                .expressionAttributeNames(Map.of("#version", ItemWriter.VERSION))
                .expressionAttributeValues(Map.of(":version", AttributeValue.fromN(Long.toString(expectedVersion))))).build());
        dependents.forEach(dependent -> items.add(TransactWriteItem.builder()
                .delete(d -> d.tableName(name).key(dependent.toAttributes())).build()));
        try {
            client.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                throw versionConflict(key, expectedVersion, what);
            }
            throw e;
        }
    }

    /**
     * Stamps the deleter on an item about to be deleted by a transaction (see {@link #deleteVersioned}), only while its
     * version is {@code expectedVersion}.
     */
    public void stampDeletion(Key key, long expectedVersion, String what, String actor) {
        try {
            stampDeleter(key, actor, "attribute_exists(PK) AND #version = :version", Map.of("#version", ItemWriter.VERSION),
                    Map.of(":version", AttributeValue.fromN(Long.toString(expectedVersion))));
        } catch (ConditionalCheckFailedException e) {
            throw versionConflict(key, expectedVersion, what);
        }
    }

    /** Stamps the deleter on an existing item about to be deleted by a transaction; a missing item is a 404. */
    public void stampExisting(Key key, String what, String actor) {
        try {
            stampDeleter(key, actor, "attribute_exists(PK)", null, null);
        } catch (ConditionalCheckFailedException e) {
            throw new NotFound("No " + what + " with this id.");
        }
    }

    /** Deletes an existing item (no version), stamping the deleter first; a missing item is a 404. */
    public void deleteExisting(Key key, String what, String actor) {
        try {
            stampDeleter(key, actor, "attribute_exists(PK)", null, null);
            client.deleteItem(b -> b.tableName(name).key(key.toAttributes()).conditionExpression("attribute_exists(PK)"));
        } catch (ConditionalCheckFailedException e) {
            throw new NotFound("No " + what + " with this id.");
        }
    }

    private void stampDeleter(Key key, String actor, String condition, Map<String, String> names, Map<String, AttributeValue> values) {
        Map<String, String> allNames = new java.util.HashMap<>(names == null ? Map.of() : names);
        allNames.put("#deletedBy", ItemWriter.DELETED_BY);
        allNames.put("#deletedAt", ItemWriter.DELETED_AT);
        Map<String, AttributeValue> allValues = new java.util.HashMap<>(values == null ? Map.of() : values);
        allValues.put(":deletedBy", AttributeValue.fromS(actor));
        allValues.put(":deletedAt", AttributeValue.fromS(dev.skillforge.data.keys.Timestamps.sortable(java.time.Instant.now())));
        String correlationId = ItemWriter.currentCorrelationId();
        String setCorrelation = "";
        if (correlationId != null) {
            allNames.put("#correlationId", ItemWriter.CORRELATION_ID);
            allValues.put(":correlationId", AttributeValue.fromS(correlationId));
            setCorrelation = ", #correlationId = :correlationId";
        }
        String update = "SET #deletedBy = :deletedBy, #deletedAt = :deletedAt" + setCorrelation;
        client.updateItem(b -> b.tableName(name)
                .key(key.toAttributes())
                .updateExpression(update)
                .conditionExpression(condition)
                .expressionAttributeNames(allNames)
                .expressionAttributeValues(allValues));
    }

    /** After a failed version condition: gone is a 404, otherwise the edit was stale. */
    private RuntimeException versionConflict(Key key, long expectedVersion, String what) {
        return get(key)
                .<RuntimeException>map(item -> new StaleVersion(expectedVersion, Items.number(item, ItemWriter.VERSION, 0)))
                .orElseGet(() -> new NotFound("No " + what + " with this id."));
    }

    /**
     * One page of a whole partition of an index ({@code index} null for the table itself), in sort-key order or,
     * with {@code descending}, newest first. The cursor is bound to the partition it pages.
     */
    public Page<Map<String, AttributeValue>> partitionPage(IndexDesign index, String partition, boolean descending, PageRequest page) {
        return queryPage(partitionQuery(index, partition, descending), KeyPosition.of(index, partition), page, scope(index, partition));
    }

    /**
     * {@link #partitionPage} of a list ordered by a value that changes (a rating, an email), whose entries hold in
     * {@code placedAt} when their place in it was last set. The cursor also holds when the pass began (its first page, at
     * {@code now}); a later page leaves out the entries placed since then: such an entry may have been listed at its
     * earlier place already. So no entry is listed twice in one pass, and every entry that keeps its place is listed
     * exactly once; one that moves during the pass is listed at its old place if its page came first, else not in this
     * pass. A page can therefore hold fewer than {@code limit} entries and still have a next one.
     */
    public Page<Map<String, AttributeValue>> placedPartitionPage(IndexDesign index, String partition, boolean descending,
            PageRequest page, String placedAt, Instant now) {
        KeyPosition position = KeyPosition.of(index, partition);
        String scope = scope(index, partition) + ":placed";
        List<String> values = cursors.decode(scope, page.cursor(), position.size() + 1);
        Instant passBegan = values == null ? now : passBegan(values.get(0));
        QueryResponse response = client.query(partitionQuery(index, partition, descending).tableName(name)
                .limit(page.limit())
                .exclusiveStartKey(values == null ? null : position.startKey(values.subList(1, values.size())))
                .build());
        List<Map<String, AttributeValue>> items = values == null ? response.items() : response.items().stream()
                .filter(item -> placedBefore(item, placedAt, passBegan))
                .toList();
        String next = null;
        if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
            List<String> nextValues = new ArrayList<>();
            nextValues.add(Long.toString(passBegan.toEpochMilli()));
            nextValues.addAll(position.values(response.lastEvaluatedKey()));
            next = cursors.encode(scope, nextValues);
        }
        return new Page<>(items, next);
    }

    private static boolean placedBefore(Map<String, AttributeValue> item, String placedAt, Instant passBegan) {
        Instant placed = Items.instant(item, placedAt);
        return placed == null || placed.isBefore(passBegan);
    }

    private static Instant passBegan(String millis) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(millis));
        } catch (NumberFormatException e) {
            throw new InvalidCursor();
        }
    }

    private static QueryRequest.Builder partitionQuery(IndexDesign index, String partition, boolean descending) {
        String pk = index == null ? TableDesign.PK : index.partitionKey();
        return QueryRequest.builder()
                .indexName(index == null ? null : index.name())
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", pk))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition)))
                .scanIndexForward(!descending);
    }

    private static String scope(IndexDesign index, String partition) {
        return (index == null ? "table" : index.name()) + ":" + partition;
    }

    /**
     * One newest-first page of a list written to several partition keys of an index (its write shards), merged in the
     * list's order ({@link ShardedPage}). {@code unsharded} is the list's key from before it was sharded: read too, until
     * it is used up, and it names the list, so a cursor of another list is refused.
     */
    public Page<Map<String, AttributeValue>> shardedPage(IndexDesign index, List<String> shards, String unsharded, PageRequest page) {
        return new ShardedPage(client, name, index).read(shards, List.of(unsharded), page, cursors, index.name() + ":" + unsharded + ":merged");
    }

    /**
     * One page of a query of one partition ({@code position} says which, and how its LastEvaluatedKey is kept); the cursor
     * is bound to {@code scope} so it cannot be replayed on another list.
     */
    public Page<Map<String, AttributeValue>> queryPage(QueryRequest.Builder query, KeyPosition position, PageRequest page, String scope) {
        List<String> values = cursors.decode(scope, page.cursor(), position.size());
        QueryResponse response = client.query(query.tableName(name)
                .limit(page.limit())
                .exclusiveStartKey(values == null ? null : position.startKey(values))
                .build());
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? cursors.encode(scope, position.values(response.lastEvaluatedKey()))
                : null;
        return new Page<>(response.items(), next);
    }

    /** Every item a query returns, following LastEvaluatedKey, up to {@code max} items. */
    public List<Map<String, AttributeValue>> queryAll(QueryRequest.Builder query, int max) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = client.query(query.tableName(name).exclusiveStartKey(start).build());
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null && items.size() < max);
        return items.size() > max ? items.subList(0, max) : items;
    }

    /**
     * BatchGetItem in chunks of 100, up to {@link #PARALLEL_BATCHES} at a time, retrying unprocessed keys; the order of
     * the result is not the order of keys. Eventually consistent (half the read units): an item written a moment ago
     * may be missing or old. For a decision that must see the latest write use {@link #batchGetConsistent}.
     */
    public List<Map<String, AttributeValue>> batchGet(List<Key> keys) {
        return batchGet(keys, false);
    }

    /** {@link #batchGet} with strongly consistent reads: every write acknowledged before the call is seen. */
    public List<Map<String, AttributeValue>> batchGetConsistent(List<Key> keys) {
        return batchGet(keys, true);
    }

    private List<Map<String, AttributeValue>> batchGet(List<Key> keys, boolean consistent) {
        List<List<Map<String, AttributeValue>>> chunks = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            chunks.add(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT)).stream().map(Key::toAttributes).distinct().toList());
        }
        List<Map<String, AttributeValue>> found = Collections.synchronizedList(new ArrayList<>());
        Concurrently.forEach(chunks, PARALLEL_BATCHES, chunk -> found.addAll(getChunk(chunk, consistent)));
        return found;
    }

    private List<Map<String, AttributeValue>> getChunk(List<Map<String, AttributeValue>> chunk, boolean consistent) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        Map<String, KeysAndAttributes> request = Map.of(name, KeysAndAttributes.builder().keys(chunk).consistentRead(consistent).build());
        for (int round = 0; !request.isEmpty(); round++) {
            if (round == MAX_UNPROCESSED_ROUNDS) {
                throw new IllegalStateException("BatchGetItem kept returning unprocessed keys");
            }
            backoff(round);
            Map<String, KeysAndAttributes> current = request;
            BatchGetItemResponse response = client.batchGetItem(b -> b.requestItems(current));
            found.addAll(response.responses().getOrDefault(name, List.of()));
            request = response.hasUnprocessedKeys() ? new HashMap<>(response.unprocessedKeys()) : new HashMap<String, KeysAndAttributes>();
            request.values().removeIf(k -> !k.hasKeys() || k.keys().isEmpty());
        }
        return found;
    }

    /**
     * Puts and deletes in batches of 25, up to {@link #PARALLEL_BATCHES} at a time (not atomic: callers order writes
     * so a partial failure stays harmless).
     */
    public void batchWrite(List<Map<String, AttributeValue>> puts, List<Key> deletes) {
        List<WriteRequest> writes = new ArrayList<>();
        puts.forEach(item -> writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build()));
        deletes.forEach(key -> writes.add(WriteRequest.builder()
                .deleteRequest(DeleteRequest.builder().key(key.toAttributes()).build()).build()));
        List<List<WriteRequest>> chunks = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += BATCH_WRITE_LIMIT) {
            chunks.add(writes.subList(from, Math.min(writes.size(), from + BATCH_WRITE_LIMIT)));
        }
        Concurrently.forEach(chunks, PARALLEL_BATCHES, this::writeChunk);
    }

    private void writeChunk(List<WriteRequest> chunk) {
        Map<String, List<WriteRequest>> request = new HashMap<>();
        request.put(name, chunk);
        for (int round = 0; !request.isEmpty(); round++) {
            if (round == MAX_UNPROCESSED_ROUNDS) {
                throw new IllegalStateException("BatchWriteItem kept returning unprocessed items");
            }
            backoff(round);
            Map<String, List<WriteRequest>> current = request;
            BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(current));
            request = response.hasUnprocessedItems() ? new HashMap<>(response.unprocessedItems()) : new HashMap<String, List<WriteRequest>>();
            request.values().removeIf(List::isEmpty);
        }
    }

    private static void backoff(int round) {
        if (round == 0) {
            return;
        }
        try {
            // Exponential backoff with full jitter for unprocessed items (the SDK retries throttled calls itself).
            Thread.sleep((long) (Math.random() * Math.min(1000, 25L << round)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a batch", e);
        }
    }
}
