package dev.skillforge.data.audit;

import java.time.Instant;

import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.IndexKey;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.table.TableDesign;

/** Audit entries, one per change, keyed by the changed object and the stream event id (idempotent put). */
public final class AuditKeys {

    public static final String ENTITY = "audit";

    public static final AccessPattern OF_OBJECT = new AccessPattern(ENTITY, "the change history of one object, newest first", "Query",
            AccessPattern.TABLE, "PK = audit#<entity>#<id>, ScanIndexForward=false (SK = <changedAt>#<eventId>)",
            "stream-processor (put if absent); GET /admin/audit?entity=&id=");
    public static final AccessPattern OF_ENTITY_ON_DAY = new AccessPattern(ENTITY, "changes to one entity type on one day, newest first",
            "Query", TableDesign.GSI1.name(), "GSI1PK = audit#entity#<entity>#<yyyy-mm-dd>, ScanIndexForward=false",
            "GET /admin/audit?entity=&day=");
    public static final AccessPattern ON_DAY = new AccessPattern(ENTITY, "all changes on one day, newest first", "Query",
            TableDesign.GSI2.name(), "GSI2PK = audit#day#<yyyy-mm-dd>, ScanIndexForward=false", "GET /admin/audit?day=");

    private AuditKeys() {
    }

    public static Key primary(String entity, String entityId, Instant changedAt, String eventId) {
        return new Key(objectPartition(entity, entityId), sortKey(changedAt, eventId));
    }

    public static String objectPartition(String entity, String entityId) {
        return "audit#" + entity + "#" + entityId;
    }

    public static IndexKey ofEntityOnDay(String entity, Instant changedAt, String eventId) {
        return new IndexKey(TableDesign.GSI1, entityDayPartition(entity, day(changedAt)), sortKey(changedAt, eventId));
    }

    public static IndexKey onDay(Instant changedAt, String eventId) {
        return new IndexKey(TableDesign.GSI2, dayPartition(day(changedAt)), sortKey(changedAt, eventId));
    }

    public static String entityDayPartition(String entity, String day) {
        return "audit#entity#" + entity + "#" + day;
    }

    public static String dayPartition(String day) {
        return "audit#day#" + day;
    }

    /** The UTC day of an instant, yyyy-mm-dd. */
    public static String day(Instant at) {
        return Timestamps.sortable(at).substring(0, 10);
    }

    private static String sortKey(Instant changedAt, String eventId) {
        return Timestamps.sortable(changedAt) + "#" + eventId;
    }
}
