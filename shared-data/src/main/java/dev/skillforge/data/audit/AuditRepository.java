package dev.skillforge.data.audit;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

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

    public Page<AuditEntry> ofObject(String entity, String entityId, PageRequest page) {
        return query(QueryRequest.builder().keyConditionExpression("PK = :pk"), AuditKeys.objectPartition(entity, entityId), page);
    }

    public Page<AuditEntry> ofEntityOnDay(String entity, String day, PageRequest page) {
        return query(QueryRequest.builder().indexName(TableDesign.GSI1.name()).keyConditionExpression("GSI1PK = :pk"),
                AuditKeys.entityDayPartition(entity, day), page);
    }

    public Page<AuditEntry> onDay(String day, PageRequest page) {
        return query(QueryRequest.builder().indexName(TableDesign.GSI2.name()).keyConditionExpression("GSI2PK = :pk"),
                AuditKeys.dayPartition(day), page);
    }

    private Page<AuditEntry> query(QueryRequest.Builder query, String partition, PageRequest page) {
        query.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition))).scanIndexForward(false);
        return table.queryPage(query, page, "audit:" + partition).map(AuditCodec::fromItem);
    }
}
