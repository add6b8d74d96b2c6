package dev.skillforge.local.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.table.StreamSubscription;
import dev.skillforge.data.testing.StreamRecords;
import dev.skillforge.local.dynamodb.StreamLog;

/**
 * LOCAL ONLY. What one of Lambda's event source mappings does with the stream: drops the records that match none of
 * its consumer's {@link StreamConsumer#filterPatterns()} (not delivered, not failures); delivers the rest in batches of up to
 * {@link StreamSubscription#BATCH_SIZE}, in order, one batch at a time; when the function reports
 * {@code batchItemFailures} the next batch starts at the first failed record; when it errors the batch is split
 * (bisect) and retried; after {@link StreamSubscription#RETRY_ATTEMPTS} the records go to the on-failure file.
 */
public final class StreamFeeder implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final FilterCriteria filter;
    private final StreamLog log;
    private final int reader;
    private final FunctionInstance consumer;
    private final Path failures;
    private final Consumer<String> out;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean busy;
    private long position;

    public StreamFeeder(StreamLog log, StreamConsumer subscription, FunctionInstance consumer, Path failures, Consumer<String> out) {
        this.log = log;
        this.filter = FilterCriteria.of(subscription.filterPatterns());
        this.consumer = consumer;
        this.failures = failures;
        this.out = out;
        this.reader = log.register();
        this.position = log.end();
        this.thread = Thread.ofPlatform().name("stream-feeder-" + subscription.id()).daemon().start(this::run);
    }

    /** True when every record so far has been handed over and answered. */
    public boolean idle() {
        return !busy && position >= log.end();
    }

    private void run() {
        int attempts = 0;
        int limit = StreamSubscription.BATCH_SIZE;
        while (running) {
            try {
                List<ObjectNode> read = log.read(position, limit, 500);
                if (read.isEmpty()) {
                    continue;
                }
                busy = true;
                // Filtered before batching, as Lambda does; a batch may hold fewer records than Lambda's would.
                List<ObjectNode> batch = read.stream().filter(filter::matches).toList();
                if (batch.isEmpty()) {
                    advance(read.size());
                    continue;
                }
                long started = System.nanoTime();
                LambdaRuntimeApi.Result result = consumer.invoke(StreamRecords.event(batch).toString(), consumer.timeout());
                int delivered = result.error() ? 0 : firstFailure(batch, result);
                out.accept(String.format("  stream  %3d records -> %s %s %d ms (%s)", batch.size(), consumer.name(),
                        result.error() ? "error" : delivered == batch.size() ? "ok" : "failed at " + delivered,
                        (System.nanoTime() - started) / 1_000_000, result.cold() ? "cold" : "warm"));
                if (delivered == batch.size()) {
                    advance(read.size());
                    attempts = 0;
                    limit = StreamSubscription.BATCH_SIZE;
                    continue;
                }
                // Up to the first failed record; the dropped records before it go with the delivered ones.
                int settled = indexOf(read, batch.get(delivered));
                advance(settled);
                attempts++;
                if (attempts > StreamSubscription.RETRY_ATTEMPTS) {
                    sendToFailureDestination(batch.subList(delivered, batch.size()));
                    advance(read.size() - settled);
                    attempts = 0;
                    limit = StreamSubscription.BATCH_SIZE;
                } else {
                    if (result.error() && StreamSubscription.BISECT_ON_ERROR) {
                        limit = Math.max(1, batch.size() / 2);
                    }
                    Thread.sleep(Math.min(5_000, 100L << Math.min(attempts, 6)));
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (running) {
                    out.accept("  stream  delivery failed: " + e.getMessage());
                    sleepQuietly();
                }
            } finally {
                busy = false;
            }
        }
    }

    /** How many records of the batch succeeded: all of them, or up to the first reported failure. */
    private int firstFailure(List<ObjectNode> batch, LambdaRuntimeApi.Result result) throws IOException {
        JsonNode failed = json.readTree(result.payload()).path("batchItemFailures");
        if (!failed.isArray() || failed.isEmpty()) {
            return batch.size();
        }
        int first = batch.size();
        for (JsonNode failure : failed) {
            String sequence = failure.path("itemIdentifier").asText();
            for (int i = 0; i < first; i++) {
                if (batch.get(i).path("dynamodb").path("SequenceNumber").asText().equals(sequence)) {
                    first = i;
                }
            }
        }
        return first;
    }

    /** Where a record of the batch sits in what was read (the same object; records are never copied). */
    private static int indexOf(List<ObjectNode> read, ObjectNode record) {
        for (int i = 0; i < read.size(); i++) {
            if (read.get(i) == record) {
                return i;
            }
        }
        throw new IllegalStateException("a delivered record that was not read");
    }

    private void advance(int records) {
        position += records;
        log.trim(reader, position);
    }

    private void sendToFailureDestination(List<ObjectNode> records) throws IOException {
        StringBuilder lines = new StringBuilder();
        records.forEach(record -> lines.append(record).append('\n'));
        Files.writeString(failures, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        out.accept("  stream  " + records.size() + " records sent to " + failures + " after "
                + StreamSubscription.RETRY_ATTEMPTS + " retries");
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
