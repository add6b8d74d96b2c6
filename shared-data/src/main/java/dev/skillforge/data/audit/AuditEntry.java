package dev.skillforge.data.audit;

import java.time.Instant;
import java.util.List;

/** One change to one object, as the stream-processor saw it. */
public record AuditEntry(
        String entity,
        String entityId,
        String action,
        String actor,
        String correlationId,
        Instant changedAt,
        String eventId,
        List<FieldChange> changes,
        Instant expiresAt) {
}
