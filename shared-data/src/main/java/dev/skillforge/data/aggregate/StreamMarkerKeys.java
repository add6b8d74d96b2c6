package dev.skillforge.data.aggregate;

import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.Key;

/**
 * Markers of stream events already applied to an aggregate, one per (event, applier), so a replayed record
 * changes nothing twice. They expire through TTL after the stream's 24-hour retention, when no replay can come.
 */
public final class StreamMarkerKeys {

    public static final String ENTITY = "streamMarker";

    public static final AccessPattern APPLIED = new AccessPattern(ENTITY, "was this stream event applied to this aggregate",
            "BatchGetItem (GetItem on the one-by-one path)", AccessPattern.TABLE, "PK = stream-event#<eventId> AND SK = <applier>",
            "stream-processor (read for a run of records, BatchWriteItem after applying)");

    private StreamMarkerKeys() {
    }

    public static Key primary(String eventId, String applier) {
        return new Key("stream-event#" + eventId, applier);
    }
}
