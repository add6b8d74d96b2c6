package dev.skillforge.data.audit;

import java.time.Instant;

import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.keys.Timestamps;

/** Audit entries, one per change, keyed by the changed object and the stream event id (idempotent put). */
public final class AuditKeys {

    public static final String ENTITY = "audit";

    public static final AccessPattern OF_OBJECT = new AccessPattern(ENTITY, "the change history of one object, newest first", "Query",
            AccessPattern.TABLE, "PK = audit#<entity>#<id>, ScanIndexForward=false (SK = <changedAt>#<eventId>)",
            "stream-processor (write, attribute_not_exists), admin audit view");

    private AuditKeys() {
    }

    public static Key primary(String entity, String entityId, Instant changedAt, String eventId) {
        return new Key("audit#" + entity + "#" + entityId, Timestamps.sortable(changedAt) + "#" + eventId);
    }
}
