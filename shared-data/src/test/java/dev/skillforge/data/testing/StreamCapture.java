package dev.skillforge.data.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.item.DynamoJson;
import dev.skillforge.data.paging.CursorCodec;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.data.table.SkillForgeTable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * TEST ONLY. dynalite has no Streams API, so this records what DynamoDB Streams would: every committed single-item
 * write made through its client (and each item a TransactWriteItems changed) becomes a stream record in Lambda's format (eventID, eventName, Keys, OldImage,
 * NewImage, SequenceNumber, StreamViewType NEW_AND_OLD_IMAGES, no userIdentity), read around the write with
 * consistent GetItems. Writes that fail their condition or change nothing produce no record, as on AWS.
 */
public final class StreamCapture implements ExecutionInterceptor {

    private static final ExecutionAttribute<Map<Map<String, AttributeValue>, Map<String, AttributeValue>>> BEFORE =
            new ExecutionAttribute<>("skillforge.capture.before");

    /** The capture a function's own client reports to (through a test interceptor listed in quarkus.dynamodb.interceptors). */
    public static final StreamCapture GLOBAL = new StreamCapture(null);

    private DynamoDbClient reader;
    private final List<ObjectNode> records = new ArrayList<>();
    private BigInteger sequence = StreamRecords.FIRST_SEQUENCE;

    private StreamCapture(DynamoDbClient reader) {
        this.reader = reader;
    }

    /** A capture and a table whose writes it records. */
    public static StreamCapture start() {
        return new StreamCapture(TestTable.client());
    }

    public SkillForgeTable table() {
        DynamoDbClient capturing = DynamoDbClient.builder()
                .endpointOverride(java.net.URI.create(System.getProperty(TestTable.ENDPOINT_PROPERTY)))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(this))
                .build();
        return new SkillForgeTable(capturing, TestTable.NAME, CursorCodec.forLists(TestTable.CURSOR_SECRET));
    }

    /** Every record captured so far, in commit order. */
    public synchronized List<ObjectNode> records() {
        return List.copyOf(records);
    }

    /** Records captured so far, then forgets them. */
    public synchronized List<ObjectNode> drain() {
        List<ObjectNode> out = List.copyOf(records);
        records.clear();
        return out;
    }

    public static ObjectNode event(List<ObjectNode> records) {
        return StreamRecords.event(records);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        List<Map<String, AttributeValue>> keys = keysOf(context.request());
        if (keys.isEmpty()) {
            return;
        }
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> before = new LinkedHashMap<>();
        keys.forEach(key -> before.put(key, read(key)));
        attributes.putAttribute(BEFORE, before);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> before = attributes.getAttribute(BEFORE);
        if (before == null) {
            return;
        }
        before.forEach((key, old) -> {
            Map<String, AttributeValue> now = read(key);
            if (!Objects.equals(old, now)) {
                append(key, old, now);
            }
        });
    }

    private synchronized void append(Map<String, AttributeValue> key, Map<String, AttributeValue> oldImage,
            Map<String, AttributeValue> newImage) {
        sequence = sequence.add(BigInteger.ONE);
        records.add(StreamRecords.change(TestTable.NAME, sequence, DynamoJson.encode(key),
                oldImage == null ? null : DynamoJson.encode(oldImage), newImage == null ? null : DynamoJson.encode(newImage)));
    }

    private Map<String, AttributeValue> read(Map<String, AttributeValue> key) {
        if (reader == null) {
            reader = TestTable.client();
        }
        Map<String, AttributeValue> item = reader.getItem(b -> b.tableName(TestTable.NAME).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static List<Map<String, AttributeValue>> keysOf(SdkRequest request) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        if (request instanceof PutItemRequest put) {
            keys.add(keyOf(put.item()));
        } else if (request instanceof UpdateItemRequest update) {
            keys.add(update.key());
        } else if (request instanceof DeleteItemRequest delete) {
            keys.add(delete.key());
        } else if (request instanceof software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest transaction) {
            for (var item : transaction.transactItems()) {
                if (item.put() != null) {
                    keys.add(keyOf(item.put().item()));
                } else if (item.update() != null) {
                    keys.add(item.update().key());
                } else if (item.delete() != null) {
                    keys.add(item.delete().key());
                }
            }
        } else if (request instanceof BatchWriteItemRequest batch) {
            for (List<WriteRequest> writes : batch.requestItems().values()) {
                for (WriteRequest write : writes) {
                    keys.add(write.putRequest() != null ? keyOf(write.putRequest().item()) : write.deleteRequest().key());
                }
            }
        }
        return keys;
    }

    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return Map.of(TableDesign.PK, item.get(TableDesign.PK), TableDesign.SK, item.get(TableDesign.SK));
    }
}
