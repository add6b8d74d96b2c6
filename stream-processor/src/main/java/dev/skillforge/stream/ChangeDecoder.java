package dev.skillforge.stream;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.DynamoJson;
import dev.skillforge.stream.event.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Turns a raw stream record into a {@link ChangeEvent}, or says why it cannot be one. */
@ApplicationScoped
public class ChangeDecoder {

    /** A record that can never be processed (retrying would not help): logged and skipped. */
    public static final class MalformedRecord extends RuntimeException {
        MalformedRecord(String why) {
            super(why, null, false, false);
        }
    }

    public ChangeEvent decode(StreamRecord record) {
        return decode(record, false);
    }

    public ChangeEvent decode(StreamRecord record, boolean replayed) {
        if (record == null || record.dynamodb() == null || record.eventId() == null || record.dynamodb().sequenceNumber() == null) {
            throw new MalformedRecord("record without eventID, dynamodb or SequenceNumber");
        }
        ChangeEvent.Action action = switch (String.valueOf(record.eventName())) {
            case "INSERT" -> ChangeEvent.Action.CREATED;
            case "MODIFY" -> ChangeEvent.Action.UPDATED;
            case "REMOVE" -> ChangeEvent.Action.DELETED;
            default -> throw new MalformedRecord("unknown eventName " + record.eventName());
        };
        Map<String, AttributeValue> oldImage;
        Map<String, AttributeValue> newImage;
        try {
            oldImage = DynamoJson.decode(record.dynamodb().oldImage());
            newImage = DynamoJson.decode(record.dynamodb().newImage());
        } catch (IllegalArgumentException e) {
            throw new MalformedRecord("undecodable image: " + e.getMessage());
        }
        boolean imagesFit = switch (action) {
            case CREATED -> newImage != null;
            case UPDATED -> newImage != null && oldImage != null;
            case DELETED -> oldImage != null;
        };
        if (!imagesFit) {
            throw new MalformedRecord(action + " without the images NEW_AND_OLD_IMAGES promises");
        }
        Map<String, AttributeValue> current = newImage != null ? newImage : oldImage;
        AttributeValue entity = current.get(ItemWriter.ENTITY);
        if (entity == null || entity.s() == null) {
            throw new MalformedRecord("item without an entity tag");
        }
        Double seconds = record.dynamodb().approximateCreationDateTime();
        Instant at = seconds == null ? Instant.EPOCH : Instant.ofEpochMilli((long) (seconds * 1000));
        return new ChangeEvent(record.eventId(), record.dynamodb().sequenceNumber(), action, entity.s(), oldImage, newImage, at, replayed);
    }
}
