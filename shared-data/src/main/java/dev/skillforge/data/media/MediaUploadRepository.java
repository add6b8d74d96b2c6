package dev.skillforge.data.media;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.table.SkillForgeTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Upload grants ({@link MediaUploadKeys#GRANT_OF_KEY}). */
@Singleton
public class MediaUploadRepository {

    private final SkillForgeTable table;

    @Inject
    public MediaUploadRepository(SkillForgeTable table) {
        this.table = table;
    }

    /** Records a grant; keys are fresh ids, so an existing item means a bug, and the conditional put refuses it. */
    public void record(MediaUpload upload) {
        table.create(MediaUploadCodec.toItem(upload), "An upload grant for this key already exists.");
    }

    /** The grant of a key as of now (strongly consistent: an attach follows its grant by seconds). */
    public Optional<MediaUpload> find(String objectKey) {
        return table.get(MediaUploadKeys.grant(objectKey)).map(MediaUploadCodec::fromItem);
    }

    /** Marks a grant's key as attached (the first time only; a grant that has gone is left gone). */
    public void markAttached(String objectKey, Instant at) {
        try {
            table.client().updateItem(b -> b.tableName(table.name()).key(MediaUploadKeys.grant(objectKey).toAttributes())
                    .updateExpression("SET " + MediaUploadCodec.ATTACHED_AT + " = :at")
                    .conditionExpression("attribute_exists(PK) AND attribute_not_exists(" + MediaUploadCodec.ATTACHED_AT + ")")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(Timestamps.sortable(at)))));
        } catch (ConditionalCheckFailedException alreadyMarked) {
            // marked by an earlier attach of the same key (a retried request), or expired: nothing to do
        }
    }
}
