package dev.skillforge.data.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.DoubleAdder;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.skillforge.data.paging.CursorCodec;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.problem.InvalidCursor;
import dev.skillforge.data.table.BufferedRequestBodies;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.data.testing.TestEngine;
import dev.skillforge.data.testing.TestTable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The audit log's per-day lists against the real engine: entries spread over 16 shards by event id, read back merged in
 * the list's order, page by page, exactly once while entries keep arriving, together with entries written before the
 * shards; every Query with a Limit.
 */
class AuditRepositoryTest {

    static TestEngine engine;
    static DynamoDbClient watchedClient;
    static AuditRepository audit;
    static final List<QueryRequest> QUERIES = Collections.synchronizedList(new ArrayList<>());
    /** Read units the engine reports for the queries (eventually consistent: half a unit per 4 KB, at least half a unit). */
    static final DoubleAdder READ_UNITS = new DoubleAdder();

    @BeforeAll
    static void startEngine() {
        engine = TestEngine.start();
        watchedClient = DynamoDbClient.builder()
                .endpointOverride(engine.dynalite().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new BufferedRequestBodies()).addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
                        return context.request() instanceof QueryRequest query
                                ? query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build()
                                : context.request();
                    }

                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof QueryRequest query) {
                            QUERIES.add(query);
                        }
                    }

                    @Override
                    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                        if (context.response() instanceof QueryResponse response && response.consumedCapacity() != null) {
                            READ_UNITS.add(response.consumedCapacity().capacityUnits());
                        }
                    }
                }))
                .build();
        audit = new AuditRepository(new SkillForgeTable(watchedClient, TestTable.NAME, CursorCodec.forLists(TestTable.CURSOR_SECRET)));
    }

    @AfterAll
    static void stopEngine() {
        watchedClient.close();
        engine.close();
    }

    @BeforeEach
    void forgetQueries() {
        QUERIES.clear();
        READ_UNITS.reset();
    }

    /** An entry with an event id like a stream's (32 hex digits), drawn from the test's seeded random. */
    static AuditEntry entry(String entity, Instant at, Random random) {
        return entry(entity, at, String.format("%016x%016x", random.nextLong(), random.nextLong()));
    }

    static AuditEntry entry(String entity, Instant at, String eventId) {
        return new AuditEntry(entity, entity + "-" + eventId, "updated", "u1", null, at, eventId, List.of(), at.plusSeconds(86_400));
    }

    /** Every entry of a list, page by page, and the number of pages. */
    static List<String> readAll(java.util.function.Function<PageRequest, Page<AuditEntry>> list, int limit) {
        List<String> shown = new ArrayList<>();
        String cursor = null;
        do {
            Page<AuditEntry> page = list.apply(new PageRequest(limit, cursor));
            assertTrue(page.items().size() <= limit);
            page.items().forEach(e -> shown.add(sortKey(e)));
            cursor = page.nextCursor();
        } while (cursor != null);
        return shown;
    }

    static String sortKey(AuditEntry entry) {
        return AuditKeys.onDay(entry.changedAt(), entry.eventId()).sk();
    }

    static List<String> newestFirst(List<AuditEntry> entries) {
        return entries.stream().map(AuditRepositoryTest::sortKey).sorted(Comparator.reverseOrder()).toList();
    }

    @Test
    void aDaysEntriesAreSpreadOverTheShardsAndReadBackInOrderPageByPage() {
        Random random = new Random(20);
        Instant day = Instant.parse("2026-11-20T00:00:00Z");
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            entries.add(entry(i % 3 == 0 ? "review" : "progress", day.plusMillis(random.nextInt(86_400_000)), random));
        }
        // Two entries in the same millisecond: the event id orders them.
        entries.add(entry("review", day.plusSeconds(3600), "aaaa"));
        entries.add(entry("review", day.plusSeconds(3600), "bbbb"));
        audit.recordAll(entries);
        AuditEntry dayBefore = entry("review", day.minusMillis(1), random);
        audit.recordAll(List.of(dayBefore, entry("review", day.plusSeconds(86_400), random)));

        Set<Integer> shards = new HashSet<>();
        entries.forEach(e -> shards.add(AuditKeys.shard(e.eventId())));
        assertEquals(AuditKeys.DAY_SHARDS, shards.size(), "the day's entries are on every shard");

        for (int limit : List.of(3, 20, 100)) {
            assertEquals(newestFirst(entries), readAll(page -> audit.onDay("2026-11-20", page), limit), "limit " + limit);
        }
        List<AuditEntry> reviews = entries.stream().filter(e -> e.entity().equals("review")).toList();
        assertEquals(newestFirst(reviews), readAll(page -> audit.ofEntityOnDay("review", "2026-11-20", page), 7));
        assertEquals(List.of(dayBefore.eventId()), audit.onDay("2026-11-19", PageRequest.first(20)).items().stream()
                .map(AuditEntry::eventId).toList());
    }

    @Test
    void pagingWhileEntriesArriveShowsEveryEntryOnceInOrder() {
        Random random = new Random(21);
        Instant day = Instant.parse("2026-11-21T00:00:00Z");
        List<AuditEntry> before = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            before.add(entry("enrollment", day.plusSeconds(3_600 + random.nextInt(36_000)), random));
        }
        audit.recordAll(before);

        List<String> shown = new ArrayList<>();
        List<String> lateBelow = new ArrayList<>();
        String cursor = null;
        do {
            Page<AuditEntry> page = audit.onDay("2026-11-21", new PageRequest(6, cursor));
            page.items().forEach(e -> shown.add(sortKey(e)));
            cursor = page.nextCursor();
            // Between pages: new entries at the top (after everything shown), and late ones (a stream record delivered
            // late) below the last entry shown, which are still to come.
            String boundary = shown.get(shown.size() - 1);
            audit.recordAll(List.of(entry("enrollment", day.plusSeconds(50_000 + random.nextInt(10_000)), random)));
            Instant boundaryTime = Instant.parse(boundary.substring(0, boundary.indexOf('#')));
            if (cursor != null && boundaryTime.isAfter(day.plusSeconds(3_700))) {
                AuditEntry late = entry("enrollment", boundaryTime.minusSeconds(1 + random.nextInt(50)), random);
                audit.recordAll(List.of(late));
                lateBelow.add(sortKey(late));
            }
        } while (cursor != null);

        assertEquals(new HashSet<>(shown).size(), shown.size(), "no entry shown twice");
        List<String> descending = new ArrayList<>(shown);
        descending.sort(Comparator.reverseOrder());
        assertEquals(descending, shown, "the pages follow the list's order");
        assertTrue(shown.containsAll(newestFirst(before)), "every entry there at the start is shown");
        assertTrue(shown.containsAll(lateBelow), "entries that arrived below the boundary are shown when their turn comes");
        assertEquals(before.size() + lateBelow.size(), shown.size(), "entries that arrived above the boundary are not shown");
    }

    @Test
    void entriesWrittenBeforeTheShardsAreListedWithTheOthers() {
        Random random = new Random(22);
        Instant day = Instant.parse("2026-11-22T00:00:00Z");
        List<AuditEntry> unsharded = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            AuditEntry old = entry("course", day.plusSeconds(1_000L * i), random);
            putUnsharded(old);
            unsharded.add(old);
        }
        List<AuditEntry> sharded = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            sharded.add(entry("course", day.plusSeconds(500 + 1_000L * i), random));
        }
        audit.recordAll(sharded);
        List<AuditEntry> all = new ArrayList<>(unsharded);
        all.addAll(sharded);

        assertEquals(newestFirst(all), readAll(page -> audit.onDay("2026-11-22", page), 4));
        assertEquals(newestFirst(all), readAll(page -> audit.ofEntityOnDay("course", "2026-11-22", page), 5));

        // A cursor of the unsharded day key's own list is not one of the merged list: refused, never a start key.
        String unshardedCursor = engine.table().partitionPage(TableDesign.GSI2, AuditKeys.dayPartition("2026-11-22"), true,
                PageRequest.first(3)).nextCursor();
        assertThrows(InvalidCursor.class, () -> audit.onDay("2026-11-22", new PageRequest(4, unshardedCursor)));
    }

    @Test
    void eachPageQueriesEveryShardWithASmallLimitAndTheOldKeyOnlyUntilItIsUsedUp() {
        Random random = new Random(23);
        Instant day = Instant.parse("2026-11-23T00:00:00Z");
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            entries.add(entry("progress", day.plusMillis(random.nextInt(86_400_000)), random));
        }
        audit.recordAll(entries);

        Page<AuditEntry> first = audit.onDay("2026-11-23", PageRequest.first(20));
        assertEquals(20, first.items().size());
        List<QueryRequest> firstQueries = List.copyOf(QUERIES);
        Set<String> partitions = new HashSet<>();
        firstQueries.forEach(q -> partitions.add(q.expressionAttributeValues().get(":pk").s()));
        assertTrue(partitions.containsAll(AuditKeys.dayShards("2026-11-23")));
        assertTrue(partitions.contains(AuditKeys.dayPartition("2026-11-23")), "the unsharded key is read on the first page");
        for (QueryRequest query : firstQueries) {
            boolean shard = !query.expressionAttributeValues().get(":pk").s().equals(AuditKeys.dayPartition("2026-11-23"));
            assertTrue(query.limit() != null && query.limit() <= (shard ? 20 / 16 + 1 + 2 : 20), query.toString());
        }
        assertTrue(firstQueries.size() <= 17 + 8, "a few shards read twice at most: " + firstQueries.size());
        // Entries under 1 KB and at most 4 per shard query: each query is one 4 KB block, half a unit (DynamoDB charges an
        // empty query half a unit too; the engine charges nothing for it): about 8.5 to 9 a page.
        assertTrue(READ_UNITS.sum() <= 0.5 * firstQueries.size() && READ_UNITS.sum() >= 8, READ_UNITS.sum() + " read units");

        QUERIES.clear();
        READ_UNITS.reset();
        Page<AuditEntry> second = audit.onDay("2026-11-23", new PageRequest(20, first.nextCursor()));
        assertEquals(newestFirst(entries).subList(20, 40), second.items().stream().map(AuditRepositoryTest::sortKey).toList());
        assertTrue(READ_UNITS.sum() <= 0.5 * QUERIES.size(), READ_UNITS.sum() + " read units");
        assertTrue(QUERIES.stream().noneMatch(q -> q.expressionAttributeValues().get(":pk").s().equals(AuditKeys.dayPartition("2026-11-23"))),
                "the unsharded key, found used up, is not read again");
    }

    @Test
    void aCursorBelongsToItsListAndCannotBeForged() {
        Random random = new Random(24);
        Instant day = Instant.parse("2026-11-24T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            audit.recordAll(List.of(entry("review", day.plusSeconds(i), random)));
        }
        String cursor = audit.onDay("2026-11-24", PageRequest.first(2)).nextCursor();
        assertThrows(InvalidCursor.class, () -> audit.onDay("2026-11-25", new PageRequest(2, cursor)));
        assertThrows(InvalidCursor.class, () -> audit.ofEntityOnDay("review", "2026-11-24", new PageRequest(2, cursor)));
        String forged = cursor.substring(0, 5) + (cursor.charAt(5) == 'A' ? 'B' : 'A') + cursor.substring(6);
        assertThrows(InvalidCursor.class, () -> audit.onDay("2026-11-24", new PageRequest(2, forged)));
    }

    /** An entry as the stream-processor wrote it before the shards: the day keys without a shard. */
    private static void putUnsharded(AuditEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>(AuditCodec.toItem(entry));
        String sortKey = sortKey(entry);
        item.put(TableDesign.GSI1.partitionKey(), AttributeValue.fromS(AuditKeys.entityDayPartition(entry.entity(), AuditKeys.day(entry.changedAt()))));
        item.put(TableDesign.GSI1.sortKey(), AttributeValue.fromS(sortKey));
        item.put(TableDesign.GSI2.partitionKey(), AttributeValue.fromS(AuditKeys.dayPartition(AuditKeys.day(entry.changedAt()))));
        item.put(TableDesign.GSI2.sortKey(), AttributeValue.fromS(sortKey));
        engine.client().putItem(b -> b.tableName(TestTable.NAME).item(item));
    }
}
