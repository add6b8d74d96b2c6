package dev.skillforge.data.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.IndexKey;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.table.TableDesign;

/**
 * Audit entries, one per change, keyed by the changed object and the stream event id (idempotent put). The per-day
 * index keys are write-sharded: every audited change of a day would otherwise go to one partition key, so each entry
 * goes to one of {@link #DAY_SHARDS} keys picked by its event id, and readers merge the shards.
 */
public final class AuditKeys {

    public static final String ENTITY = "audit";
    /**
     * Shards of each day key: at 16, a day's key takes a sixteenth of the platform's audited writes (docs/data-model.md,
     * "Hot partitions at scale"), and a reader's page costs 16 small Queries.
     */
    public static final int DAY_SHARDS = 16;

    public static final AccessPattern OF_OBJECT = new AccessPattern(ENTITY, "the change history of one object, newest first", "Query",
            AccessPattern.TABLE, "PK = audit#<entity>#<id>, ScanIndexForward=false (SK = <changedAt>#<eventId>)",
            "stream-processor (put if absent); GET /admin/audit?entity=&id=");
    public static final AccessPattern OF_ENTITY_ON_DAY = new AccessPattern(ENTITY, "changes to one entity type on one day, newest first",
            "Query per shard (16 in parallel, each with a Limit), merged by sort key", TableDesign.GSI1.name(),
            "GSI1PK = audit#entity#<entity>#<yyyy-mm-dd>#<0..15> (shard: CRC-32 of the event id mod 16) AND GSI1SK < <the cursor's "
                    + "boundary>, ScanIndexForward=false; and GSI1PK = audit#entity#<entity>#<yyyy-mm-dd> (entries written before "
                    + "the shards, until the retention has passed)",
            "GET /admin/audit?entity=&day=");
    public static final AccessPattern ON_DAY = new AccessPattern(ENTITY, "all changes on one day, newest first",
            "Query per shard (16 in parallel, each with a Limit), merged by sort key", TableDesign.GSI2.name(),
            "GSI2PK = audit#day#<yyyy-mm-dd>#<0..15> AND GSI2SK < <the cursor's boundary>, ScanIndexForward=false; and "
                    + "GSI2PK = audit#day#<yyyy-mm-dd> (entries written before the shards)",
            "GET /admin/audit?day=");

    private AuditKeys() {
    }

    public static Key primary(String entity, String entityId, Instant changedAt, String eventId) {
        return new Key(objectPartition(entity, entityId), sortKey(changedAt, eventId));
    }

    public static String objectPartition(String entity, String entityId) {
        return "audit#" + entity + "#" + entityId;
    }

    public static IndexKey ofEntityOnDay(String entity, Instant changedAt, String eventId) {
        return new IndexKey(TableDesign.GSI1, entityDayPartition(entity, day(changedAt)) + "#" + shard(eventId), sortKey(changedAt, eventId));
    }

    public static IndexKey onDay(Instant changedAt, String eventId) {
        return new IndexKey(TableDesign.GSI2, dayPartition(day(changedAt)) + "#" + shard(eventId), sortKey(changedAt, eventId));
    }

    /** The shard of an event: a stable hash of its id (the same on every delivery and in every JVM), 0..15. */
    public static int shard(String eventId) {
        CRC32 crc = new CRC32();
        crc.update(eventId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % DAY_SHARDS);
    }

    /** The day's key of an entity type before sharding: entries written then are still there until they expire. */
    public static String entityDayPartition(String entity, String day) {
        return "audit#entity#" + entity + "#" + day;
    }

    /** The day's key of all entries before sharding. */
    public static String dayPartition(String day) {
        return "audit#day#" + day;
    }

    /** The shards of {@link #entityDayPartition}, in shard order. */
    public static List<String> entityDayShards(String entity, String day) {
        return shardsOf(entityDayPartition(entity, day));
    }

    /** The shards of {@link #dayPartition}, in shard order. */
    public static List<String> dayShards(String day) {
        return shardsOf(dayPartition(day));
    }

    private static List<String> shardsOf(String partition) {
        return IntStream.range(0, DAY_SHARDS).mapToObj(shard -> partition + "#" + shard).toList();
    }

    /** The UTC day of an instant, yyyy-mm-dd. */
    public static String day(Instant at) {
        return Timestamps.sortable(at).substring(0, 10);
    }

    private static String sortKey(Instant changedAt, String eventId) {
        return Timestamps.sortable(changedAt) + "#" + eventId;
    }
}
