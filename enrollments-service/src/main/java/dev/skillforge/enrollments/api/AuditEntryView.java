package dev.skillforge.enrollments.api;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;

import dev.skillforge.data.audit.AuditEntry;
import dev.skillforge.data.audit.FieldChange;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One audit entry as admins read it. */
@RegisterForReflection
public record AuditEntryView(String entity, String id, String action, @Nullable String actor, @Nullable String correlationId, Instant changedAt, @Nullable String eventId,
        @Nullable List<FieldChange> changes, @Nullable Instant expiresAt) {

    public static AuditEntryView of(AuditEntry e) {
        return new AuditEntryView(e.entity(), e.entityId(), e.action(), e.actor(), e.correlationId(), e.changedAt(), e.eventId(), e.changes(),
                e.expiresAt());
    }
}
