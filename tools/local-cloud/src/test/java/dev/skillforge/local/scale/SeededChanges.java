package dev.skillforge.local.scale;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.enrollment.EnrollmentCodec;
import dev.skillforge.data.item.DynamoJson;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.review.ReviewCodec;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.table.StreamSubscription;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.data.testing.StreamRecords;
import dev.skillforge.local.LocalCloud;
import dev.skillforge.local.lambda.LambdaRuntimeApi;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The aggregates the stream would have derived from the seeding, derived by the stream consumer itself: the INSERT
 * records the seeded writes would have produced are handed to the running aggregates function in batches of the
 * mapping's size, so the counts, ratings, the top-rated index and their exactly-once markers are written by the project's
 * own appliers, with whatever rules and keys they have today.
 * <p>
 * The records are the images the seeded writes made (the services' codecs: an enrollment's and a review's put, a course's
 * item). Which records, and why only these (the local endpoint passes writes one at a time, a few hundred counted events
 * a second on this machine): every review (ratings, the top-rated list), every enrollment of the large course (its count,
 * which the run checks exactly before and after its joins and leaves) and the course record of each course they count
 * for (its publication, which the top-rated list needs). Left out: the other courses' enrollments, whose counts stay 0,
 * and the course records of courses nothing is counted for, whose aggregate would only say "published, all zero" (which
 * is what the rating route answers without one): no measured route's cost depends on them. Also left out is everything
 * only the records consumer would have done with the seeding: audit entries of a history no measured route pages back
 * to; the search index is written at seeding by the indexer's own code (see {@link Seeder}).
 */
public final class SeededChanges {

    /** Records handed over per consumer, batches delivered again after a reported failure, and how long it all took. */
    public record Result(Map<String, Long> records, int retries, Duration took) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalCloud cloud;
    private final SeedItems items;
    private BigInteger sequence = StreamRecords.FIRST_SEQUENCE;
    private final java.util.concurrent.atomic.AtomicInteger retries = new java.util.concurrent.atomic.AtomicInteger();

    public SeededChanges(LocalCloud cloud, SeedItems items) {
        this.cloud = cloud;
        this.items = items;
    }

    /** Delivers the records to the aggregates consumer, as its mapping would, and waits until it has applied them. */
    public Result deliver() throws Exception {
        long started = System.nanoTime();
        int courses = items.catalog().sizes().courses();
        long delivered = send(StreamConsumer.AGGREGATES, sink -> {
            for (int c = 0; c < courses; c++) {
                if (counted(c)) {
                    sink.accept(items.courseItem(c));
                }
            }
            // course by course, so a batch carries many events of few courses (one transaction per course per batch)
            items.enrollments(Catalog.BIG).forEach(enrollment -> sink.accept(EnrollmentCodec.toItem(enrollment)));
            for (int c = 0; c < courses; c++) {
                items.reviews(c).forEach(review -> sink.accept(ReviewCodec.toItem(review)));
            }
        });
        return new Result(Map.of(StreamConsumer.AGGREGATES.functionName(), delivered), retries.get(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** A course whose aggregate counts something: the large course, and every course with a review. */
    private boolean counted(int course) {
        if (course == Catalog.BIG) {
            return true;
        }
        for (int learner : items.catalog().learnersOf(course)) {
            if (items.catalog().reviewed(learner, course)) {
                return true;
            }
        }
        return false;
    }

    /** Builds INSERT records of the items the producer gives and delivers them as the mapping would; returns how many went. */
    private long send(StreamConsumer consumer, Consumer<Consumer<Map<String, AttributeValue>>> producer) throws Exception {
        Mapping mapping = new Mapping(consumer);
        producer.accept(item -> {
            String entity = item.get(ItemWriter.ENTITY).s();
            if (!consumer.entities().contains(entity)) {
                throw new IllegalStateException(consumer.functionName() + "'s filter does not take " + entity + " records");
            }
            mapping.offer(insert(item));
        });
        mapping.drain(true);
        return mapping.delivered;
    }

    /**
     * One consumer's event source mapping, for records handed to it: batches of {@link StreamSubscription#BATCH_SIZE}, and
     * after a batch reported failures the next batch starts at its first failed record, up to
     * {@link StreamSubscription#RETRY_ATTEMPTS} times in a row (the appliers count each event once however often it comes).
     */
    private final class Mapping {

        private final StreamConsumer consumer;
        private final List<ObjectNode> pending = new ArrayList<>();
        private long delivered;
        private int failedInARow;

        Mapping(StreamConsumer consumer) {
            this.consumer = consumer;
        }

        void offer(ObjectNode record) {
            pending.add(record);
            drain(false);
        }

        /** Delivers every full batch, and with {@code all} the rest too. */
        void drain(boolean all) {
            while (pending.size() >= StreamSubscription.BATCH_SIZE || (all && !pending.isEmpty())) {
                List<ObjectNode> batch = List.copyOf(pending.subList(0, Math.min(StreamSubscription.BATCH_SIZE, pending.size())));
                int done = invoke(consumer, batch);
                pending.subList(0, done).clear();
                delivered += done;
                if (done == batch.size()) {
                    failedInARow = 0;
                } else if (++failedInARow > StreamSubscription.RETRY_ATTEMPTS) {
                    throw new IllegalStateException(consumer.functionName() + " kept failing seeded records; see its log");
                } else {
                    retries.incrementAndGet();
                }
            }
        }
    }

    private synchronized ObjectNode insert(Map<String, AttributeValue> item) {
        sequence = sequence.add(BigInteger.ONE);
        ObjectNode keys = JsonNodeFactory.instance.objectNode();
        keys.set(TableDesign.PK, DynamoJson.encode(item.get(TableDesign.PK)));
        keys.set(TableDesign.SK, DynamoJson.encode(item.get(TableDesign.SK)));
        return StreamRecords.change(LocalCloud.TABLE, sequence, keys, null, DynamoJson.encode(item));
    }

    /** One invocation; returns how many records of the batch are done (up to the first failure it reported). */
    private int invoke(StreamConsumer consumer, List<ObjectNode> batch) {
        try {
            LambdaRuntimeApi.Result result = cloud.deliverToStreamConsumer(consumer, batch);
            if (result.error()) {
                return 0;
            }
            JsonNode answer = result.payload().length == 0 ? null : JSON.readTree(result.payload());
            JsonNode failures = answer == null ? null : answer.path("batchItemFailures");
            if (failures == null || !failures.isArray() || failures.isEmpty()) {
                return batch.size();
            }
            String first = failures.get(0).path("itemIdentifier").asText();
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).path("dynamodb").path("SequenceNumber").asText().equals(first)) {
                    return i;
                }
            }
            throw new IllegalStateException(consumer.functionName() + " reported a failure of a record it was not given: " + first);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.io.IOException | java.util.concurrent.TimeoutException e) {
            return 0;
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }
}
