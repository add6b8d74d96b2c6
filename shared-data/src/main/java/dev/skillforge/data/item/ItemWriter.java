package dev.skillforge.data.item;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.skillforge.data.keys.IndexKey;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Builds a raw item. Every item starts with its key, its entity tag and schema version (the stream-processor
 * dispatches on the tag, never on key prefixes). Null values are left out, so an absent field is absent.
 */
public final class ItemWriter {

    public static final String ENTITY = "entity";
    public static final String SCHEMA_VERSION = "schemaVersion";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String UPDATED_BY = "updatedBy";
    /** The correlation id of the request that wrote the item, so the audit log can link a change to its request. */
    public static final String CORRELATION_ID = "correlationId";
    /** Who deleted an item and when: stamped just before the delete, read by the audit log from the REMOVE record. */
    public static final String DELETED_BY = "deletedBy";
    public static final String DELETED_AT = "deletedAt";
    /** Optimistic-concurrency counter of editable items. */
    public static final String VERSION = "version";

    private final Map<String, AttributeValue> item = new LinkedHashMap<>();

    private ItemWriter() {
    }

    public static ItemWriter of(Key key, String entity, int schemaVersion) {
        ItemWriter writer = new ItemWriter();
        writer.item.put(TableDesign.PK, AttributeValue.fromS(key.pk()));
        writer.item.put(TableDesign.SK, AttributeValue.fromS(key.sk()));
        writer.item.put(ENTITY, AttributeValue.fromS(entity));
        writer.item.put(SCHEMA_VERSION, AttributeValue.fromN(Integer.toString(schemaVersion)));
        return writer;
    }

    /** A nested map value (no key, no tag). */
    public static ItemWriter nested() {
        return new ItemWriter();
    }

    public ItemWriter put(String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
        return this;
    }

    public ItemWriter put(String name, Number value) {
        if (value != null) {
            item.put(name, AttributeValue.fromN(value.toString()));
        }
        return this;
    }

    public ItemWriter put(String name, boolean value) {
        item.put(name, AttributeValue.fromBool(value));
        return this;
    }

    public ItemWriter put(String name, Instant value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(Timestamps.sortable(value)));
        }
        return this;
    }

    public ItemWriter putStrings(String name, List<String> values) {
        if (values != null) {
            item.put(name, AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList()));
        }
        return this;
    }

    public ItemWriter putList(String name, List<AttributeValue> values) {
        if (values != null) {
            item.put(name, AttributeValue.fromL(values));
        }
        return this;
    }

    public ItemWriter put(String name, AttributeValue value) {
        if (value != null) {
            item.put(name, value);
        }
        return this;
    }

    public ItemWriter putMap(String name, Map<String, AttributeValue> value) {
        if (value != null) {
            item.put(name, AttributeValue.fromM(value));
        }
        return this;
    }

    /** Who changed the item and when; written on every item so the audit trail can name the actor. */
    public ItemWriter audited(Instant createdAt, Instant updatedAt, String updatedBy) {
        return put(CREATED_AT, createdAt).put(UPDATED_AT, updatedAt).put(UPDATED_BY, updatedBy).put(CORRELATION_ID, currentCorrelationId());
    }

    public ItemWriter index(IndexKey key) {
        if (key != null) {
            key.writeTo(item);
        }
        return this;
    }

    /** The correlation id of the request being served (the request log puts it in the logging MDC), if any. */
    public static String currentCorrelationId() {
        Object id = org.jboss.logging.MDC.get(CORRELATION_ID);
        return id == null ? null : id.toString();
    }

    public Map<String, AttributeValue> build() {
        return item;
    }

    public AttributeValue asValue() {
        return AttributeValue.fromM(item);
    }
}
