package dev.skillforge.data.testing;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.table.TableDesign;

/**
 * NOT PRODUCTION. The one place that knows how a DynamoDB Streams record looks when Lambda hands it over
 * (eventID, eventName, Keys, OldImage, NewImage, SequenceNumber, StreamViewType, no userIdentity): used by the
 * in-JVM capture of tests and by the local cloud's stream proxy. Images are DynamoDB JSON, as on the wire.
 */
public final class StreamRecords {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** DynamoDB's sequence numbers are decimal strings that grow per shard; these start where real ones do. */
    public static final BigInteger FIRST_SEQUENCE = new BigInteger("100000000000000000000");

    private StreamRecords() {
    }

    /** A record for a committed change; a null old image makes an INSERT, a null new image a REMOVE. */
    public static ObjectNode change(String tableName, BigInteger sequence, ObjectNode keys, ObjectNode oldImage,
            ObjectNode newImage) {
        ObjectNode record = JSON.objectNode();
        record.put("eventID", UUID.randomUUID().toString().replace("-", ""));
        record.put("eventName", oldImage == null ? "INSERT" : newImage == null ? "REMOVE" : "MODIFY");
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", "us-east-1");
        ObjectNode data = record.putObject("dynamodb");
        data.put("ApproximateCreationDateTime", Instant.now().getEpochSecond());
        data.set("Keys", keys);
        int size = keys.toString().length();
        if (newImage != null) {
            data.set("NewImage", newImage);
            size += newImage.toString().length();
        }
        if (oldImage != null) {
            data.set("OldImage", oldImage);
            size += oldImage.toString().length();
        }
        data.put("SequenceNumber", sequence.toString());
        data.put("SizeBytes", size);
        data.put("StreamViewType", TableDesign.STREAM_VIEW_TYPE);
        record.put("eventSourceARN", "arn:aws:dynamodb:us-east-1:000000000000:table/" + tableName + "/stream/2026-01-01T00:00:00.000");
        return record;
    }

    /** A Lambda event carrying the records. */
    public static ObjectNode event(Iterable<? extends ObjectNode> records) {
        ObjectNode event = JSON.objectNode();
        var array = event.putArray("Records");
        records.forEach(array::add);
        return event;
    }
}
