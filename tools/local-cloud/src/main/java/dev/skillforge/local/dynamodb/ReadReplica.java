package dev.skillforge.local.dynamodb;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.table.DynamoTables;
import dev.skillforge.data.testing.Dynalite;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.local.lambda.TaskRoot;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * LOCAL ONLY. DynamoDB's eventual consistency, reproduced: a second dynalite holds a copy of the table that receives
 * every write a fixed lag after the primary did, in write order. Reads DynamoDB serves eventually consistent
 * (GetItem, Query, Scan and BatchGetItem without ConsistentRead, and every query of a global secondary index) are
 * answered from this copy, so for the lag after a write they return the item as it was before it, as a DynamoDB
 * replica that has not caught up may. Strongly consistent reads and all writes go to the primary. The lag can be
 * changed while running (tests widen it to make a stale read certain) and 0 turns the emulation off.
 */
public final class ReadReplica implements AutoCloseable {

    /** The default lag: DynamoDB documents no bound; a few hundred ms exposes read-after-write assumptions. */
    public static final Duration DEFAULT_LAG = Duration.ofMillis(300);

    private record Change(long dueNanos, long sequence, String table, ObjectNode key, ObjectNode after) implements Delayed {

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Change that = (Change) other;
            int byTime = Long.compare(dueNanos, that.dueNanos);
            return byTime != 0 ? byTime : Long.compare(sequence, that.sequence);
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Dynalite dynalite;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final DelayQueue<Change> pending = new DelayQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Thread applier;
    private volatile long lagNanos;
    private long lastDueNanos;
    /** Changes recorded and not yet written to the replica (queued or being written). */
    private final java.util.concurrent.atomic.AtomicInteger unapplied = new java.util.concurrent.atomic.AtomicInteger();

    private ReadReplica(Dynalite dynalite, Duration lag) {
        this.dynalite = dynalite;
        this.lagNanos = lag.toNanos();
        this.applier = Thread.ofPlatform().daemon().name("read-replica").start(this::applyDueChanges);
    }

    /**
     * A replica of {@code table}. A kept local table ({@code primaryData} not null) is copied as files into
     * {@code replicaData} before the primary opens them, so the replica starts with the same items and no read of the
     * primary is needed; an in-memory primary gets an empty in-memory replica with the same table.
     */
    public static ReadReplica of(Path primaryData, Path replicaData, String table, Duration lag) throws IOException {
        Dynalite dynalite;
        if (primaryData != null && Files.isDirectory(primaryData)) {
            TaskRoot.removeAll(replicaData);
            copyTree(primaryData, replicaData);
            dynalite = Dynalite.start(replicaData);
        } else {
            dynalite = Dynalite.start(null);
        }
        try (DynamoDbClient client = TestTable.clientFor(dynalite.endpoint())) {
            try {
                client.describeTable(b -> b.tableName(table));
            } catch (ResourceNotFoundException missing) {
                client.createTable(DynamoTables.createTableRequest(table));
            }
        } catch (RuntimeException e) {
            dynalite.close();
            throw e;
        }
        return new ReadReplica(dynalite, lag);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    /** Where eventually consistent reads go. */
    public URI endpoint() {
        return dynalite.endpoint();
    }

    public Duration lag() {
        return Duration.ofNanos(lagNanos);
    }

    /** True when reads that may be eventually consistent should be answered here. */
    public boolean enabled() {
        return lagNanos > 0;
    }

    /** Changes the lag for writes from now on; 0 turns the emulation off once what is pending has been applied. */
    public void lag(Duration lag) {
        lagNanos = lag.toNanos();
        if (lagNanos == 0) {
            awaitCaughtUp();
        }
    }

    /**
     * Records a write the primary made ({@code after} null: the item was deleted); applied once the lag has passed.
     * Never due before an earlier write (a lag made shorter must not let a newer image be overtaken by an older one).
     * Called by the endpoint under its write lock, so in write order.
     */
    synchronized void replicate(String table, ObjectNode key, ObjectNode after) {
        lastDueNanos = Math.max(System.nanoTime() + lagNanos, lastDueNanos);
        unapplied.incrementAndGet();
        pending.add(new Change(lastDueNanos, sequence.incrementAndGet(), table, key, after));
    }

    /** Waits until every change so far has reached the replica (at most the old lag). */
    public void awaitCaughtUp() {
        while (unapplied.get() > 0) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** BatchWriteItem's limit of items per call. */
    private static final int BATCH_WRITE_ITEMS = 25;

    /**
     * Applies what is due in write order: every change that is due at once goes in BatchWriteItems of up to 25 items
     * (a burst of writes, such as a transaction's 99 items, reaches the copy in a few calls rather than one call each);
     * a second change to an item already in the batch waits for the next batch, so each item's changes stay in order.
     */
    private void applyDueChanges() {
        Change carried = null;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                List<Change> batch = new ArrayList<>();
                Set<List<Object>> items = new HashSet<>();
                Change next = carried != null ? carried : pending.take();
                carried = null;
                while (next != null) {
                    if (!items.add(List.of(next.table(), next.key()))) {
                        carried = next;
                        break;
                    }
                    batch.add(next);
                    next = batch.size() < BATCH_WRITE_ITEMS ? pending.poll() : null;
                }
                if (batch.size() == 1) {
                    apply(batch.get(0));
                } else {
                    applyAll(batch);
                }
                unapplied.addAndGet(-batch.size());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One BatchWriteItem of due changes to distinct items (again for any unprocessed ones). */
    private void applyAll(List<Change> changes) throws InterruptedException {
        ObjectNode requestItems = json.createObjectNode();
        for (Change change : changes) {
            ArrayNode writes = requestItems.has(change.table()) ? (ArrayNode) requestItems.get(change.table()) : requestItems.putArray(change.table());
            if (change.after() == null) {
                writes.addObject().putObject("DeleteRequest").set("Key", change.key());
            } else {
                writes.addObject().putObject("PutRequest").set("Item", change.after());
            }
        }
        for (int round = 0; !requestItems.isEmpty(); round++) {
            if (round == 10) {
                System.err.println("read replica: a batch of changes kept coming back unprocessed: " + requestItems);
                return;
            }
            ObjectNode request = json.createObjectNode();
            request.set("RequestItems", requestItems);
            try {
                HttpResponse<String> response = http.send(DynamoDbJson.request(dynalite.endpoint(), "BatchWriteItem",
                        json.writeValueAsBytes(request)), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    System.err.println("read replica: could not apply " + changes.size() + " changes: " + response.body());
                    return;
                }
                com.fasterxml.jackson.databind.JsonNode unprocessed = json.readTree(response.body()).path("UnprocessedItems");
                requestItems = unprocessed.isObject() ? (ObjectNode) unprocessed : json.createObjectNode();
            } catch (IOException e) {
                System.err.println("read replica: could not apply " + changes.size() + " changes: " + e.getMessage());
                return;
            }
        }
    }

    /** One PutItem of the image after the write, or DeleteItem of the key, in DynamoDB's JSON as the primary gave it. */
    private void apply(Change change) {
        ObjectNode request = json.createObjectNode();
        request.put("TableName", change.table());
        if (change.after() == null) {
            request.set("Key", change.key());
        } else {
            request.set("Item", change.after());
        }
        try {
            HttpResponse<String> response = http.send(DynamoDbJson.request(dynalite.endpoint(), change.after() == null ? "DeleteItem" : "PutItem",
                    json.writeValueAsBytes(request)), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                System.err.println("read replica: could not apply a change to " + change.key() + ": " + response.body());
            }
        } catch (IOException e) {
            System.err.println("read replica: could not apply a change to " + change.key() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        applier.interrupt();
        http.close();
        dynalite.close();
    }
}
