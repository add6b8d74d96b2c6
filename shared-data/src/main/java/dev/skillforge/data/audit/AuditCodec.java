package dev.skillforge.data.audit;

import java.util.List;
import java.util.Map;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** AuditEntry <-> item; {@code expiresAt} is the table's TTL attribute (epoch seconds). */
public final class AuditCodec {

    public static final int SCHEMA_VERSION = 1;

    private AuditCodec() {
    }

    public static Map<String, AttributeValue> toItem(AuditEntry entry) {
        List<AttributeValue> changes = entry.changes().stream()
                .map(c -> ItemWriter.nested().put("field", c.field()).put("old", c.oldValue()).put("new", c.newValue()).asValue())
                .toList();
        return ItemWriter.of(AuditKeys.primary(entry.entity(), entry.entityId(), entry.changedAt(), entry.eventId()), AuditKeys.ENTITY,
                SCHEMA_VERSION)
                .put("subject", entry.entity())
                .put("subjectId", entry.entityId())
                .put("action", entry.action())
                .put("actor", entry.actor())
                .put("requestCorrelationId", entry.correlationId())
                .put("changedAt", entry.changedAt())
                .put("eventId", entry.eventId())
                .putList("changes", changes)
                .put(TableDesign.TTL_ATTRIBUTE, entry.expiresAt().getEpochSecond())
                .index(AuditKeys.ofEntityOnDay(entry.entity(), entry.changedAt(), entry.eventId()))
                .index(AuditKeys.onDay(entry.changedAt(), entry.eventId()))
                .build();
    }

    public static AuditEntry fromItem(Map<String, AttributeValue> item) {
        AttributeValue changes = item.get("changes");
        List<FieldChange> fieldChanges = changes == null || !changes.hasL() ? List.of() : changes.l().stream()
                .map(AttributeValue::m)
                .map(m -> new FieldChange(Items.string(m, "field"), Items.string(m, "old"), Items.string(m, "new")))
                .toList();
        return new AuditEntry(Items.string(item, "subject"), Items.string(item, "subjectId"), Items.string(item, "action"),
                Items.string(item, "actor"), Items.string(item, "requestCorrelationId"), Items.instant(item, "changedAt"), Items.string(item, "eventId"), fieldChanges,
                java.time.Instant.ofEpochSecond(Items.number(item, TableDesign.TTL_ATTRIBUTE, 0)));
    }
}
