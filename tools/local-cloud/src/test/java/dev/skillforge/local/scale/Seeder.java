package dev.skillforge.local.scale;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.paging.CursorCodec;
import dev.skillforge.data.search.CourseSearchIndex;
import dev.skillforge.data.table.Concurrently;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.testing.TestTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes the catalogue straight into a local engine with the project's own batch writer ({@link SkillForgeTable#batchWrite}:
 * BatchWriteItem of 25 items, 8 calls in flight, unprocessed items retried), the next thousand items built while the
 * last two thousand are written, then the search entries with the indexer's own code. Nothing goes through the metered
 * endpoint, so seeding costs no function any units and makes no stream records (the aggregates the stream would have
 * derived are {@link SeededChanges}).
 */
public final class Seeder implements AutoCloseable {

    /** Items written per flush to every engine; two flushes may be in flight while the next is built. */
    static final int FLUSH_ITEMS = 1_000;
    static final int FLUSHES_IN_FLIGHT = 2;
    /** Courses indexed at the same time (each is one small BatchWriteItem). */
    static final int INDEXING_IN_FLIGHT = 8;

    /** How many items of each kind were written, how many courses were indexed for search, and how long it all took. */
    public record Result(Map<String, Long> itemsByEntity, long items, int coursesIndexed, Duration took) {
    }

    private final List<DynamoDbClient> clients = new ArrayList<>();
    private final List<SkillForgeTable> engines = new ArrayList<>();
    private final ExecutorService flusher = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight = new Semaphore(FLUSHES_IN_FLIGHT);
    private final List<Future<?>> flushes = new ArrayList<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private List<Map<String, AttributeValue>> buffer = new ArrayList<>();
    private int indexedCourses;

    public Seeder(String tableName, List<URI> endpoints) {
        for (URI endpoint : endpoints) {
            DynamoDbClient client = TestTable.clientFor(endpoint);
            clients.add(client);
            engines.add(new SkillForgeTable(client, tableName, new CursorCodec("scale-run-seeding-only-cursor-key-0123456789")));
        }
    }

    /** Seeds everything the catalogue holds: profiles, courses with their lessons and outlines, enrollments, reviews. */
    public Result seed(SeedItems items) {
        long started = System.nanoTime();
        Catalog catalog = items.catalog();
        addAll(items.instructors());
        for (int course = 0; course < catalog.sizes().courses(); course++) {
            add(items.courseItem(course));
            addAll(items.lessonsAndOutline(course));
        }
        for (int from = 0; from < catalog.sizes().learners(); from += FLUSH_ITEMS) {
            addAll(items.learners(from, Math.min(catalog.sizes().learners(), from + FLUSH_ITEMS)));
        }
        for (int course = 0; course < catalog.sizes().courses(); course++) {
            addAll(items.enrollments(course));
            addAll(items.reviews(course));
        }
        finish();
        indexForSearch(items);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new Result(Map.copyOf(counts), total, indexedCourses, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * The search entries, written by the indexer's own code ({@link CourseSearchIndex#sync}, which the stream's
     * SearchIndexer and courses-service call after every course write): whatever keys the index uses, the seeded
     * entries are the ones it would have written. Published courses only, as the index itself decides.
     */
    private void indexForSearch(SeedItems items) {
        List<Integer> courses = new ArrayList<>();
        for (int course = 0; course < items.catalog().sizes().courses(); course++) {
            courses.add(course);
        }
        for (SkillForgeTable engine : engines) {
            CourseSearchIndex index = new CourseSearchIndex(engine);
            Concurrently.forEach(courses, INDEXING_IN_FLIGHT, course -> index.sync(null, items.course(course)));
        }
        indexedCourses = (int) courses.stream().filter(course -> items.course(course).isPublished()).count();
    }

    private void addAll(List<Map<String, AttributeValue>> items) {
        items.forEach(this::add);
    }

    private void add(Map<String, AttributeValue> item) {
        counts.merge(item.get(ItemWriter.ENTITY).s(), 1L, Long::sum);
        buffer.add(item);
        if (buffer.size() >= FLUSH_ITEMS) {
            flush();
        }
    }

    /** Hands the buffer to a background write to every engine; waits while two writes are already running. */
    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        List<Map<String, AttributeValue>> batch = buffer;
        buffer = new ArrayList<>();
        inFlight.acquireUninterruptibly();
        flushes.add(flusher.submit(() -> {
            try {
                Concurrently.forEach(engines, engines.size(), engine -> engine.batchWrite(batch, List.of()));
            } finally {
                inFlight.release();
            }
        }));
        for (Future<?> done : flushes.stream().filter(Future::isDone).toList()) {
            await(done); // a failed write stops the seeding at once
        }
        flushes.removeIf(Future::isDone);
    }

    private void finish() {
        flush();
        flushes.forEach(Seeder::await);
        flushes.clear();
    }

    private static void await(Future<?> flush) {
        try {
            flush.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("seeding failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        flusher.close();
        clients.forEach(DynamoDbClient::close);
    }
}
