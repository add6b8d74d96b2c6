package dev.skillforge.data.aggregate;

import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.Key;

/**
 * Markers of stream events already applied to an aggregate, one per (event, applier), so a replayed record
 * changes nothing twice: each is put, on the condition that it does not exist, in the same transaction as the event's
 * counter deltas. They expire through TTL only after a parked record can no longer be replayed (15 days), so no replay
 * can come after its event's marker is gone.
 */
public final class StreamMarkerKeys {

    public static final String ENTITY = "streamMarker";

    public static final AccessPattern APPLIED = new AccessPattern(ENTITY, "was this stream event applied to this aggregate",
            "TransactWriteItems (Put, attribute_not_exists(PK))", AccessPattern.TABLE, "PK = stream-event#<eventId> AND SK = <applier>",
            "stream-processor (never read: the marker's conditional put in the same transaction as the counter deltas decides)");

    private StreamMarkerKeys() {
    }

    public static Key primary(String eventId, String applier) {
        return new Key("stream-event#" + eventId, applier);
    }
}
