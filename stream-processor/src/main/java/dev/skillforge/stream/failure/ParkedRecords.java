package dev.skillforge.stream.failure;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.stream.ParkedRecordKeys;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.stream.StreamProcessorIdentity;
import dev.skillforge.stream.event.StreamRecord;
import io.quarkus.logging.Log;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Keeps every record a batch reports as failed, whole and compressed, in the table, before Lambda may retry or drop
 * it: what Lambda sends to the on-failure queue after the last retry names only a shard and a range of sequence
 * numbers, which the stream forgets after 24 hours. A record that later succeeds is removed again when the same
 * warm instance processes it; what is left is replayed (harmlessly, for a record that did succeed) and removed by
 * the replay command. Parked records expire after the on-failure queue's 14-day retention, with a margin.
 */
@ApplicationScoped
public class ParkedRecords {

    /** How long a parked record may be replayed: as long as the on-failure queue keeps the messages that point to it. */
    public static final Duration REPLAYABLE_FOR = Duration.ofDays(14);
    /** When TTL may delete it: after it can no longer be replayed (TTL deletes within days, never before). */
    public static final Duration LIFETIME = REPLAYABLE_FOR.plus(Duration.ofHours(12));
    /**
     * The item limit is 400 KB; a record whose compressed form is larger (two images near the limit that do not compress)
     * is kept without its images: the replay reports it as unreplayable and leaves it for an operator.
     */
    static final int MAX_RECORD_BYTES = 350_000;

    @Inject
    SkillForgeTable table;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** Sequence numbers this instance parked, so a later success can take them out without a read. */
    private final Set<String> parkedHere = ConcurrentHashMap.newKeySet();

    /** A parked record as read back, and when it was parked. */
    public record Parked(Key key, StreamRecord record, java.time.Instant parkedAt) {
    }

    /** Parks the records under each consumer that failed them. */
    public void park(Set<StreamConsumer> consumers, List<StreamRecord> records) {
        // One item per record (a delivery never repeats a record, but a replay of a test's batch may).
        Map<Key, Map<String, AttributeValue>> items = new java.util.LinkedHashMap<>();
        for (StreamConsumer consumer : consumers) {
            for (StreamRecord record : records) {
                if (record == null || record.dynamodb() == null || record.dynamodb().sequenceNumber() == null) {
                    continue;
                }
                String sequence = record.dynamodb().sequenceNumber();
                Key key = ParkedRecordKeys.primary(consumer.id(), courseOf(record), sequence);
                Map<String, AttributeValue> item = new java.util.HashMap<>(ItemWriter.of(key, ParkedRecordKeys.ENTITY, 1)
                        .put("consumer", consumer.id())
                        .put("courseId", courseOf(record))
                        .put("eventId", record.eventId())
                        .put("sequenceNumber", sequence)
                        .put("parkedAt", clock.instant())
                        .put(ItemWriter.UPDATED_BY, StreamProcessorIdentity.ACTOR)
                        .put(TableDesign.TTL_ATTRIBUTE, clock.instant().plus(LIFETIME).getEpochSecond())
                        .build());
                item.put("record", AttributeValue.fromB(SdkBytes.fromByteArray(compress(record))));
                items.put(key, item);
                parkedHere.add(sequence);
            }
        }
        table.batchWrite(List.copyOf(items.values()), List.of());
        Log.warnf("Parked %d failed stream records for %s", records.size(), consumers);
    }

    /** Takes out what this instance parked earlier of records that have now been processed. */
    public void processed(Set<StreamConsumer> consumers, List<StreamRecord> records) {
        if (parkedHere.isEmpty()) {
            return;
        }
        java.util.Set<Key> done = new java.util.LinkedHashSet<>();
        for (StreamRecord record : records) {
            if (record != null && record.dynamodb() != null && parkedHere.remove(record.dynamodb().sequenceNumber())) {
                consumers.forEach(consumer -> done.add(ParkedRecordKeys.primary(consumer.id(), courseOf(record), record.dynamodb().sequenceNumber())));
            }
        }
        table.batchWrite(List.of(), List.copyOf(done));
    }

    /** A page of one of a consumer's parked-record partitions (from {@code start}), in course and then stream order. */
    public QueryResponse page(StreamConsumer consumer, int partition, Map<String, AttributeValue> start, int limit) {
        return table.client().query(QueryRequest.builder().tableName(table.name())
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ParkedRecordKeys.partition(consumer.id(), partition))))
                .consistentRead(true)
                .exclusiveStartKey(start)
                .limit(limit)
                .build());
    }

    public Parked decode(Map<String, AttributeValue> item) {
        return new Parked(Key.of(item), decompress(item.get("record").b().asByteArray()), Items.instant(item, "parkedAt"));
    }

    /** Whether any record of the course is parked by the consumer (the aggregate rebuild will not repair such a course). */
    public boolean anyFor(StreamConsumer consumer, String courseId) {
        return table.client().query(b -> b.tableName(table.name())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :course)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ParkedRecordKeys.partition(consumer.id(), courseId)),
                        ":course", AttributeValue.fromS(ParkedRecordKeys.coursePrefix(courseId))))
                .consistentRead(true)
                .limit(1)).count() > 0;
    }

    public void remove(List<Key> keys) {
        table.batchWrite(List.of(), keys);
    }

    /** The course a record belongs to (null for items without one): parked records are keyed by it. */
    public static String courseOf(StreamRecord record) {
        Map<String, com.fasterxml.jackson.databind.JsonNode> image = record.dynamodb().newImage() != null
                ? record.dynamodb().newImage() : record.dynamodb().oldImage();
        if (image == null || image.get("courseId") == null) {
            return null;
        }
        String courseId = image.get("courseId").path("S").asText(null);
        return courseId == null || courseId.isEmpty() ? null : courseId;
    }

    private byte[] compress(StreamRecord record) {
        byte[] packed = gzip(record);
        if (packed.length <= MAX_RECORD_BYTES) {
            return packed;
        }
        // Only an item near 400 KB on both sides: keep keys and metadata, enough to find the item and say what failed.
        StreamRecord.Data data = record.dynamodb();
        return gzip(new StreamRecord(record.eventId(), record.eventName(), record.eventSource(), record.eventSourceArn(),
                record.awsRegion(), new StreamRecord.Data(data.approximateCreationDateTime(), data.keys(), null, null,
                        data.sequenceNumber(), data.sizeBytes(), data.streamViewType()), record.userIdentity()));
    }

    private byte[] gzip(StreamRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            json.writeValue(out, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private StreamRecord decompress(byte[] packed) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            return json.readValue(in, StreamRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
