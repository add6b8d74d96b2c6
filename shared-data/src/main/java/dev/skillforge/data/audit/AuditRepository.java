package dev.skillforge.data.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The audit log: written once per stream event, read by admins by object, entity type and day, or day. */
@Singleton
public class AuditRepository {

    private final SkillForgeTable table;

    @Inject
    public AuditRepository(SkillForgeTable table) {
        this.table = table;
    }

    /** Writes the entry unless this event's entry already exists; true when it was written now. */
    public boolean record(AuditEntry entry) {
        try {
            table.client().putItem(b -> b.tableName(table.name())
                    .item(AuditCodec.toItem(entry))
                    .conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            return false;
        }
    }

    /**
     * Writes many entries with BatchWriteItem. An entry's key and content follow from its stream event alone, so
     * writing one again (a redelivered record) leaves the same item: no condition is needed, and none is possible
     * in a batch.
     */
    public void recordAll(List<AuditEntry> entries) {
        Map<String, Map<String, AttributeValue>> byKey = new LinkedHashMap<>();
        for (AuditEntry entry : entries) {
            Map<String, AttributeValue> item = AuditCodec.toItem(entry);
            byKey.putIfAbsent(item.get("PK").s() + "\u0000" + item.get("SK").s(), item);
        }
        table.batchWrite(List.copyOf(byKey.values()), List.of());
    }

    public Page<AuditEntry> ofObject(String entity, String entityId, PageRequest page) {
        return table.partitionPage(null, AuditKeys.objectPartition(entity, entityId), true, page).map(AuditCodec::fromItem);
    }

    /** The day's shards merged newest first, with the day's unsharded key (entries written before the shards). */
    public Page<AuditEntry> ofEntityOnDay(String entity, String day, PageRequest page) {
        return table.shardedPage(TableDesign.GSI1, AuditKeys.entityDayShards(entity, day), AuditKeys.entityDayPartition(entity, day), page)
                .map(AuditCodec::fromItem);
    }

    /** The day's shards merged newest first, with the day's unsharded key (entries written before the shards). */
    public Page<AuditEntry> onDay(String day, PageRequest page) {
        return table.shardedPage(TableDesign.GSI2, AuditKeys.dayShards(day), AuditKeys.dayPartition(day), page).map(AuditCodec::fromItem);
    }
}
