package dev.skillforge.stream;

import java.time.Instant;
import java.util.Map;

import dev.skillforge.data.item.ItemWriter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One decoded stream record: which item changed, how, and its images. {@code entity} comes from the item's own
 * tag (never from key prefixes). {@code replayed}: delivered by the replay command, long after the change, so an
 * applier that mirrors the latest state reads it rather than trusting the images.
 */
public record ChangeEvent(
        String eventId,
        String sequenceNumber,
        Action action,
        String entity,
        Map<String, AttributeValue> oldImage,
        Map<String, AttributeValue> newImage,
        Instant approximateTime,
        boolean replayed) {

    public enum Action {
        CREATED, UPDATED, DELETED
    }

    /** The image that describes the item: the new one, or the old one for a delete. */
    public Map<String, AttributeValue> current() {
        return newImage != null ? newImage : oldImage;
    }

    /** A delete that the writer announced by stamping deletedBy first: not a change of content. */
    public boolean isDeletionStamp() {
        return action == Action.UPDATED && newImage.containsKey(ItemWriter.DELETED_BY) && !oldImage.containsKey(ItemWriter.DELETED_BY);
    }
}
