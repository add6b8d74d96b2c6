package dev.skillforge.data.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.skillforge.data.table.BufferedRequestBodies;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/**
 * TransactWriteItems on the local engine (tools/dynalite/transactions.js), checked with the AWS SDK the functions use:
 * DynamoDB's documented semantics, since the stream-processor relies on them for exactly-once aggregation.
 * Plain JUnit, no Quarkus. Each test works on its own keys of the shared table.
 */
class LocalTransactionsTest {

    private static final String TABLE = TestTable.NAME;
    /** A second table: per-table capacity and cross-table transactions. */
    private static final String OTHER = "skillforge-tx-other";

    private static Dynalite dynalite;
    /** Retries off: each test sees exactly the answer to its one request. */
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        dynalite = Dynalite.start(null);
        dynamo = client(dynalite.endpoint(), false);
        TestTable.create(dynamo);
        dynamo.createTable(b -> b.tableName(OTHER).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("PK").keyType("HASH"), k -> k.attributeName("SK").keyType("RANGE"))
                .attributeDefinitions(a -> a.attributeName("PK").attributeType("S"), a -> a.attributeName("SK").attributeType("S")));
    }

    @AfterAll
    static void stop() {
        if (dynamo != null) {
            dynamo.close();
        }
        if (dynalite != null) {
            dynalite.close();
        }
    }

    // ---- all or nothing, cancellation reasons ----

    @Test
    void aFailedConditionOnTheLastActionLeavesTheFirstTwoUnwritten() {
        TransactionCanceledException cancelled = assertThrows(TransactionCanceledException.class, () -> transact(
                put(TABLE, item("AON#1", "A", "v", n(1)), null),
                put(TABLE, item("AON#2", "A", "v", n(1)), null),
                put(TABLE, item("AON#3", "A", "v", n(1)), "attribute_exists(PK)")));

        assertEquals(List.of("None", "None", "ConditionalCheckFailed"), codes(cancelled));
        assertEquals(400, cancelled.statusCode());
        assertEquals("Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, ConditionalCheckFailed]",
                cancelled.awsErrorDetails().errorMessage());
        assertNull(get(TABLE, "AON#1", "A"));
        assertNull(get(TABLE, "AON#2", "A"));
        assertNull(get(TABLE, "AON#3", "A"));
    }

    @Test
    void everyActionGetsItsReasonInRequestOrderWithTheOldItemWhenAsked() {
        Map<String, AttributeValue> counter = item("RSN#1", "A", "v", n(1));
        Map<String, AttributeValue> other = item("RSN#2", "A", "v", n(7));
        Map<String, AttributeValue> labelled = item("RSN#5", "A", "label", s("text"));
        for (Map<String, AttributeValue> seed : List.of(counter, other, labelled)) {
            dynamo.putItem(b -> b.tableName(TABLE).item(seed));
        }

        TransactionCanceledException cancelled = assertThrows(TransactionCanceledException.class, () -> transact(
                // passes
                check(TABLE, key("RSN#2", "A"), "v = :v", Map.of(":v", n(7)), null),
                // condition fails: the current item comes back
                TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(key("RSN#1", "A"))
                        .updateExpression("SET v = :two").conditionExpression("v = :two")
                        .expressionAttributeValues(Map.of(":two", n(2)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build(),
                // condition fails on an absent item: ALL_OLD has nothing to return
                TransactWriteItem.builder().delete(d -> d.tableName(TABLE).key(key("RSN#3", "A"))
                        .conditionExpression("attribute_exists(PK)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build(),
                // fine on its own
                put(TABLE, item("RSN#4", "A"), null),
                // ADD of a number to a string attribute: a validation error against the item as it is
                update(TABLE, key("RSN#5", "A"), "ADD label :one", Map.of(":one", n(1)))));

        List<CancellationReason> reasons = cancelled.cancellationReasons();
        assertEquals(List.of("None", "ConditionalCheckFailed", "ConditionalCheckFailed", "None", "ValidationError"), codes(cancelled));
        assertNull(reasons.get(0).message());
        assertEquals("The conditional request failed", reasons.get(1).message());
        assertEquals(counter, reasons.get(1).item());
        assertFalse(reasons.get(2).hasItem(), "an absent item has no old image");
        assertEquals("An operand in the update expression has an incorrect data type", reasons.get(4).message());
        assertNull(get(TABLE, "RSN#4", "A"), "nothing written");
        assertEquals(counter, get(TABLE, "RSN#1", "A"));

        // a validation error alone cancels too: the valid ADD beside it is not applied
        TransactionCanceledException invalid = assertThrows(TransactionCanceledException.class, () -> transact(
                update(TABLE, key("RSN#1", "A"), "ADD v :one", Map.of(":one", n(1))),
                update(TABLE, key("RSN#5", "A"), "ADD label :one", Map.of(":one", n(1)))));
        assertEquals(List.of("None", "ValidationError"), codes(invalid));
        assertEquals(counter, get(TABLE, "RSN#1", "A"));
    }

    @Test
    void aConditionCheckGuardsTheWritesAndChangesNothing() {
        Map<String, AttributeValue> course = item("CHK#course", "A", "status", s("PUBLISHED"));
        dynamo.putItem(b -> b.tableName(TABLE).item(course));

        transact(check(TABLE, key("CHK#course", "A"), "#s = :p", Map.of(":p", s("PUBLISHED")), Map.of("#s", "status")),
                put(TABLE, item("CHK#enrollment", "1"), "attribute_not_exists(PK)"));
        assertTrue(get(TABLE, "CHK#enrollment", "1") != null);

        TransactionCanceledException cancelled = assertThrows(TransactionCanceledException.class, () -> transact(
                check(TABLE, key("CHK#course", "A"), "#s = :p", Map.of(":p", s("DRAFT")), Map.of("#s", "status")),
                put(TABLE, item("CHK#enrollment", "2"), null)));
        assertEquals(List.of("ConditionalCheckFailed", "None"), codes(cancelled));
        assertNull(get(TABLE, "CHK#enrollment", "2"));
        assertEquals(course, get(TABLE, "CHK#course", "A"));

        // a ConditionCheck without a condition is no request at all
        assertThrows(DynamoDbException.class, () -> transact(TransactWriteItem.builder()
                .conditionCheck(c -> c.tableName(TABLE).key(key("CHK#course", "A"))).build()));
    }

    @Test
    void aCommittedTransactionAppliesEveryKindOfActionAcrossTablesAndIndexes() {
        dynamo.putItem(b -> b.tableName(TABLE).item(item("ALL#counter", "A", "n", n(5), "tags", AttributeValue.fromSs(List.of("a")))));
        dynamo.putItem(b -> b.tableName(OTHER).item(item("ALL#old", "A")));

        transact(put(TABLE, item("ALL#new", "A", "GSI1PK", s("ALL#listing"), "GSI1SK", s("1")), "attribute_not_exists(PK)"),
                update(TABLE, key("ALL#counter", "A"), "ADD n :d, tags :t SET updated = :u",
                        Map.of(":d", n(3), ":t", AttributeValue.fromSs(List.of("b")), ":u", s("yes"))),
                update(TABLE, key("ALL#created", "A"), "ADD n :d", Map.of(":d", n(1))),
                TransactWriteItem.builder().delete(d -> d.tableName(OTHER).key(key("ALL#old", "A"))).build());

        Map<String, AttributeValue> counter = get(TABLE, "ALL#counter", "A");
        assertEquals("8", counter.get("n").n());
        assertEquals(Set.of("a", "b"), Set.copyOf(counter.get("tags").ss()));
        assertEquals("yes", counter.get("updated").s());
        assertEquals("1", get(TABLE, "ALL#created", "A").get("n").n(), "an Update creates the item it names");
        assertNull(get(OTHER, "ALL#old", "A"));
        // the secondary index follows the transaction's writes
        assertEquals(1, dynamo.query(b -> b.tableName(TABLE).indexName(TableDesign.GSI1.name())
                .keyConditionExpression("GSI1PK = :p").expressionAttributeValues(Map.of(":p", s("ALL#listing")))).count());
    }

    // ---- request validation ----

    @Test
    void moreThanOneHundredActionsAreRefusedAndOneHundredAreFine() {
        List<TransactWriteItem> actions = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            actions.add(put(TABLE, item("LIM#100", String.format("%03d", i)), null));
        }
        DynamoDbException refused = assertThrows(DynamoDbException.class, () -> transact(actions));
        assertEquals("ValidationException", refused.awsErrorDetails().errorCode());
        assertTrue(refused.getMessage().contains("at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100"),
                refused.getMessage());
        assertEquals(0, count("LIM#100"));

        transact(actions.subList(0, 100));
        assertEquals(100, count("LIM#100"));
    }

    @Test
    void twoActionsOnOneItemAreRefused() {
        DynamoDbException refused = assertThrows(DynamoDbException.class, () -> transact(
                put(TABLE, item("DUP#1", "A"), null),
                check(TABLE, key("DUP#1", "A"), "attribute_not_exists(PK)", null, null)));
        assertEquals("ValidationException", refused.awsErrorDetails().errorCode());
        assertEquals("Transaction request cannot include multiple operations on one item", refused.awsErrorDetails().errorMessage());
        assertNull(get(TABLE, "DUP#1", "A"));
        // the same key in another table is another item
        transact(put(TABLE, item("DUP#1", "A"), null), put(OTHER, item("DUP#1", "A"), null));
    }

    @Test
    void aTransactionOverFourMegabytesIsRefused() {
        String big = "x".repeat(390_000);
        List<TransactWriteItem> actions = new ArrayList<>();
        for (int i = 0; i < 11; i++) { // 11 x ~390 KB: each item is allowed, together they pass 4 MB
            actions.add(put(TABLE, item("BIG#4MB", "" + i, "body", s(big)), null));
        }
        DynamoDbException refused = assertThrows(DynamoDbException.class, () -> transact(actions));
        assertEquals("ValidationException", refused.awsErrorDetails().errorCode());
        assertTrue(refused.awsErrorDetails().errorMessage().contains("4 MB"), refused.getMessage());
        assertEquals(0, count("BIG#4MB"));

        transact(actions.subList(0, 10)); // ~3.9 MB is fine
        assertEquals(10, count("BIG#4MB"));
    }

    @Test
    void itemsOverFourHundredKilobytesAreRefusedAsSingleWritesAre() {
        DynamoDbException refused = assertThrows(DynamoDbException.class, () -> transact(
                put(TABLE, item("BIG#400", "A", "body", s("x".repeat(410_000))), null)));
        assertEquals("ValidationException", refused.awsErrorDetails().errorCode());
        assertEquals("Item size has exceeded the maximum allowed size", refused.awsErrorDetails().errorMessage());

        // an update that would grow an item past the limit cancels the transaction with a ValidationError for it
        dynamo.putItem(b -> b.tableName(TABLE).item(item("BIG#400", "B", "body", s("x".repeat(300_000)))));
        TransactionCanceledException cancelled = assertThrows(TransactionCanceledException.class, () -> transact(
                put(TABLE, item("BIG#400", "C"), null),
                update(TABLE, key("BIG#400", "B"), "SET more = :m", Map.of(":m", s("y".repeat(150_000))))));
        assertEquals(List.of("None", "ValidationError"), codes(cancelled));
        assertEquals("Item size to update has exceeded the maximum allowed size", cancelled.cancellationReasons().get(1).message());
        assertNull(get(TABLE, "BIG#400", "C"));
    }

    @Test
    void anUnknownTableIsResourceNotFound() {
        assertThrows(ResourceNotFoundException.class, () -> transact(
                put(TABLE, item("RNF#1", "A"), null), put("skillforge-no-such-table", item("RNF#1", "A"), null)));
        assertNull(get(TABLE, "RNF#1", "A"));
    }

    // ---- ClientRequestToken ----

    @Test
    void aRepeatedTokenDoesNotApplyTwiceAndOtherParametersWithItAreRefused() {
        TransactWriteItemsRequest add = TransactWriteItemsRequest.builder().clientRequestToken("token-repeat-1")
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .transactItems(put(TABLE, item("TOK#marker", "1"), "attribute_not_exists(PK)"),
                        update(TABLE, key("TOK#counter", "A"), "ADD n :one", Map.of(":one", n(1))))
                .build();
        TransactWriteItemsResponse first = dynamo.transactWriteItems(add);
        TransactWriteItemsResponse repeat = dynamo.transactWriteItems(add);

        assertEquals("1", get(TABLE, "TOK#counter", "A").get("n").n(), "the repeat wrote nothing");
        // the first reports the write capacity, the repeat the (transactional) read capacity of reading the items
        assertEquals(4.0, first.consumedCapacity().get(0).capacityUnits());
        assertEquals(4.0, repeat.consumedCapacity().get(0).capacityUnits());

        TransactWriteItemsRequest changed = add.toBuilder()
                .transactItems(update(TABLE, key("TOK#counter", "A"), "ADD n :one", Map.of(":one", n(2)))).build();
        assertThrows(IdempotentParameterMismatchException.class, () -> dynamo.transactWriteItems(changed));
        assertEquals("1", get(TABLE, "TOK#counter", "A").get("n").n());

        // without a token of ours the SDK makes up a new one each call: two calls, two ADDs
        TransactWriteItemsRequest noToken = TransactWriteItemsRequest.builder()
                .transactItems(update(TABLE, key("TOK#counter", "A"), "ADD n :one", Map.of(":one", n(1)))).build();
        dynamo.transactWriteItems(noToken);
        dynamo.transactWriteItems(noToken);
        assertEquals("3", get(TABLE, "TOK#counter", "A").get("n").n());
    }

    @Test
    @Timeout(60)
    void aTokenIsForgottenAfterItsWindowAndARepeatWhileRunningIsInProgress() throws Exception {
        // a dynalite whose token window is 1 s instead of 10 min and whose transactions pause 150 ms before each write
        try (Dynalite slow = Dynalite.startWith(List.of("--transaction-token-ttl-ms", "1000", "--test-transaction-write-delay-ms", "150"));
                DynamoDbClient client = client(slow.endpoint(), false)) {
            TestTable.create(client);
            TransactWriteItemsRequest add = TransactWriteItemsRequest.builder().clientRequestToken("token-window-1")
                    .transactItems(update(TABLE, key("TTL#counter", "A"), "ADD n :one", Map.of(":one", n(1)))).build();

            client.transactWriteItems(add);
            client.transactWriteItems(add);
            assertEquals("1", TestTable.clientItem(client, "TTL#counter", "A").get("n").n(), "within the window: applied once");
            Thread.sleep(1_500);
            client.transactWriteItems(add);
            assertEquals("2", TestTable.clientItem(client, "TTL#counter", "A").get("n").n(), "after the window: a new request");

            // five writes of 150 ms each: the first is still running when the repeat arrives
            TransactWriteItemsRequest slowOne = TransactWriteItemsRequest.builder().clientRequestToken("token-running-1")
                    .transactItems(IntStream.range(0, 5)
                            .mapToObj(i -> update(TABLE, key("RUN#" + i, "A"), "ADD n :one", Map.of(":one", n(1)))).toList())
                    .build();
            CompletableFuture<TransactWriteItemsResponse> running = CompletableFuture.supplyAsync(() -> client.transactWriteItems(slowOne));
            Thread.sleep(200);
            assertThrows(TransactionInProgressException.class, () -> client.transactWriteItems(slowOne));
            running.get(30, TimeUnit.SECONDS);
            client.transactWriteItems(slowOne); // finished: now a repeat answers without writing
            for (int i = 0; i < 5; i++) {
                assertEquals("1", TestTable.clientItem(client, "RUN#" + i, "A").get("n").n());
            }
        }
    }

    // ---- capacity ----

    @Test
    void consumedCapacityIsPerTableAndTwiceAStandardWrite() {
        dynamo.putItem(b -> b.tableName(TABLE).item(item("CAP#big", "A", "body", s("x".repeat(1_500)))));
        TransactWriteItemsResponse response = dynamo.transactWriteItems(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                .transactItems(put(TABLE, item("CAP#small", "A"), null), // 1 KB -> 2
                        update(TABLE, key("CAP#big", "A"), "SET x = :x", Map.of(":x", s("y"))), // 2 KB -> 4
                        check(OTHER, key("CAP#none", "A"), "attribute_not_exists(PK)", null, null), // a write's cost -> 2
                        TransactWriteItem.builder().delete(d -> d.tableName(OTHER).key(key("CAP#gone", "A"))).build())); // -> 2

        Map<String, Double> units = new HashMap<>();
        for (ConsumedCapacity capacity : response.consumedCapacity()) {
            units.put(capacity.tableName(), capacity.capacityUnits());
            assertEquals(capacity.capacityUnits(), capacity.table().capacityUnits());
        }
        assertEquals(Map.of(TABLE, 6.0, OTHER, 4.0), units);

        TransactWriteItemsResponse none = dynamo.transactWriteItems(b -> b.transactItems(put(TABLE, item("CAP#small", "B"), null)));
        assertFalse(none.hasConsumedCapacity());
    }

    // ---- isolation ----

    @Test
    @Timeout(120)
    void concurrentMarkerTransactionsAndPlainAddsCountEveryEventExactlyOnce() throws Exception {
        int threads = 8, perThread = 50, markers = 100, plainAdders = 2, plainAddsEach = 100;
        // the stream-processor's shape: a marker put only if absent, and the counter ADD, in one transaction
        Set<Integer> drawn = ConcurrentHashMap.newKeySet();
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        CyclicBarrier go = new CyclicBarrier(threads + plainAdders);
        ExecutorService pool = Executors.newFixedThreadPool(threads + plainAdders);
        try (DynamoDbClient retrying = client(dynalite.endpoint(), true)) {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                work.add(pool.submit(() -> {
                    List<Integer> ids = new ArrayList<>(IntStream.range(0, markers).boxed().toList());
                    Collections.shuffle(ids, new Random(seed)); // the same events reach several threads
                    go.await();
                    for (int id : ids.subList(0, perThread)) {
                        drawn.add(id);
                        try {
                            retrying.transactWriteItems(b -> b.transactItems(
                                    put(TABLE, item("CON#event#" + id, "counter"), "attribute_not_exists(PK)"),
                                    update(TABLE, key("CON#counter", "A"), "ADD n :one", Map.of(":one", n(1)))));
                            committed.incrementAndGet();
                        } catch (TransactionCanceledException e) {
                            assertEquals(List.of("ConditionalCheckFailed", "None"), codes(e));
                            duplicates.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (int a = 0; a < plainAdders; a++) {
                work.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < plainAddsEach; i++) {
                        retrying.updateItem(b -> b.tableName(TABLE).key(key("CON#counter", "A"))
                                .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", n(1))));
                    }
                    return null;
                }));
            }
            for (Future<?> each : work) {
                each.get(100, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(threads * perThread, committed.get() + duplicates.get());
        assertEquals(drawn.size(), committed.get(), "each event's marker was put exactly once");
        assertEquals(drawn.size(), count("CON#event#", "counter"));
        assertEquals(committed.get() + plainAdders * plainAddsEach, Integer.parseInt(get(TABLE, "CON#counter", "A").get("n").n()),
                "the counter holds every committed transaction's ADD and every plain ADD, none lost, none twice");
    }

    @Test
    @Timeout(120)
    void aGetItemNeverSeesATransactionHalfWritten() throws Exception {
        // transactions here pause before each write, so one is half written for 100 ms at a time
        try (Dynalite slow = Dynalite.startWith(List.of("--test-transaction-write-delay-ms", "100"));
                DynamoDbClient client = client(slow.endpoint(), true)) {
            TestTable.create(client);
            int rounds = 15;
            AtomicBoolean writing = new AtomicBoolean(true);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < rounds; i++) {
                    // A is written before B: a reader that sees A's new value and B's old one saw half a transaction
                    client.transactWriteItems(b -> b.transactItems(
                            update(TABLE, key("ISO#A", "A"), "ADD n :one", Map.of(":one", n(1))),
                            update(TABLE, key("ISO#B", "A"), "ADD n :one", Map.of(":one", n(1)))));
                }
                writing.set(false);
            });
            int reads = 0;
            Set<Long> seenA = new HashSet<>();
            while (writing.get()) {
                long a = counter(client, "ISO#A");
                long b = counter(client, "ISO#B");
                seenA.add(a);
                assertTrue(b >= a, "GetItem saw A=" + a + " but B=" + b + ": half a transaction");
                reads++;
            }
            writer.get(60, TimeUnit.SECONDS);
            assertEquals(rounds, counter(client, "ISO#A"));
            assertEquals(rounds, counter(client, "ISO#B"));
            // reads of an item being written wait for its transaction, so the reader keeps pace with the writer
            assertTrue(seenA.size() >= 3, "the reader ran alongside the transactions (" + reads + " reads, saw A at " + seenA + ")");
        }
    }

    @Test
    @Timeout(60)
    void aWriteFailingHalfwayRestoresWhatWasAlreadyWritten() {
        // every transaction's second write fails as an I/O error would
        try (Dynalite failing = Dynalite.startWith(List.of("--test-transaction-fail-write", "2"));
                DynamoDbClient client = client(failing.endpoint(), false)) {
            TestTable.create(client);
            Map<String, AttributeValue> before = item("IO#1", "A", "v", n(1), "GSI1PK", s("IO#listing"), "GSI1SK", s("1"));
            client.putItem(b -> b.tableName(TABLE).item(before));

            DynamoDbException failed = assertThrows(DynamoDbException.class, () -> client.transactWriteItems(b -> b.transactItems(
                    update(TABLE, key("IO#1", "A"), "SET v = :two, GSI1SK = :s", Map.of(":two", n(2), ":s", s("2"))),
                    put(TABLE, item("IO#2", "A", "GSI1PK", s("IO#listing"), "GSI1SK", s("3")), null))));
            assertEquals(500, failed.statusCode());

            assertEquals(before, TestTable.clientItem(client, "IO#1", "A"), "the first write was undone");
            assertTrue(TestTable.clientItem(client, "IO#2", "A").isEmpty(), "the second write left nothing");
            var listing = client.query(b -> b.tableName(TABLE).indexName(TableDesign.GSI1.name())
                    .keyConditionExpression("GSI1PK = :p").expressionAttributeValues(Map.of(":p", s("IO#listing"))));
            assertEquals(List.of(before), listing.items(), "the index entry is restored too");
        }
    }

    // ---- helpers ----

    private static void transact(TransactWriteItem... actions) {
        transact(List.of(actions));
    }

    private static void transact(List<TransactWriteItem> actions) {
        dynamo.transactWriteItems(b -> b.transactItems(actions));
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item, String condition) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression(condition)).build();
    }

    private static TransactWriteItem update(String table, Map<String, AttributeValue> key, String expression,
            Map<String, AttributeValue> values) {
        return TransactWriteItem.builder()
                .update(u -> u.tableName(table).key(key).updateExpression(expression).expressionAttributeValues(values)).build();
    }

    private static TransactWriteItem check(String table, Map<String, AttributeValue> key, String condition,
            Map<String, AttributeValue> values, Map<String, String> names) {
        Consumer<software.amazon.awssdk.services.dynamodb.model.ConditionCheck.Builder> check = c -> c.tableName(table).key(key)
                .conditionExpression(condition).expressionAttributeValues(values).expressionAttributeNames(names);
        return TransactWriteItem.builder().conditionCheck(check).build();
    }

    private static List<String> codes(TransactionCanceledException e) {
        assertTrue(e.hasCancellationReasons(), "the SDK parsed CancellationReasons");
        return e.cancellationReasons().stream().map(CancellationReason::code).toList();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableDesign.PK, s(pk), TableDesign.SK, s(sk));
    }

    /** An item: its key, then attribute name / value pairs. */
    private static Map<String, AttributeValue> item(String pk, String sk, Object... attributes) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk, sk));
        for (int i = 0; i < attributes.length; i += 2) {
            item.put((String) attributes[i], (AttributeValue) attributes[i + 1]);
        }
        return item;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static Map<String, AttributeValue> get(String table, String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(pk, sk)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static long counter(DynamoDbClient client, String pk) {
        Map<String, AttributeValue> item = TestTable.clientItem(client, pk, "A");
        return item == null || item.isEmpty() ? 0 : Long.parseLong(item.get("n").n());
    }

    /** Items in a partition, over every page (a page stops at 1 MB). */
    private static int count(String pk) {
        return dynamo.queryPaginator(b -> b.tableName(TABLE).keyConditionExpression("PK = :p")
                .expressionAttributeValues(Map.of(":p", s(pk)))).stream().mapToInt(QueryResponse::count).sum();
    }

    /** Items whose PK starts with {@code prefix} and whose SK is {@code sk}. */
    private static int count(String prefix, String sk) {
        return dynamo.scanPaginator(b -> b.tableName(TABLE).filterExpression("begins_with(PK, :p) AND SK = :s")
                .expressionAttributeValues(Map.of(":p", s(prefix), ":s", s(sk)))).stream().mapToInt(ScanResponse::count).sum();
    }

    private static DynamoDbClient client(URI endpoint, boolean retries) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> {
                    c.addExecutionInterceptor(new BufferedRequestBodies());
                    if (!retries) {
                        c.retryStrategy(AwsRetryStrategy.doNotRetry());
                    }
                })
                .build();
    }
}
