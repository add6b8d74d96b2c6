package dev.skillforge.data.stream;

import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.Key;

/**
 * Stream records a consumer could not process, kept whole (images included, compressed) so they can be replayed:
 * Lambda's on-failure destination only says which shard and sequence numbers were dropped, and the stream itself
 * forgets them after 24 hours. Ten partitions per consumer (by course), sorted by course and then sequence number, so
 * the aggregate rebuild can ask whether a course has records nobody applied.
 */
public final class ParkedRecordKeys {

    public static final String ENTITY = "parkedStreamRecord";
    /** Records of items without a course (none today) sort under this. */
    public static final String NO_COURSE = "-";

    /** Partitions per consumer: a mass failure parks many records at once, spread by course over this many keys. */
    public static final int PARTITIONS = 10;

    public static final AccessPattern OF_CONSUMER = new AccessPattern(ENTITY, "records a stream consumer parked, by course",
            "Query (consistent)", AccessPattern.TABLE,
            "PK = stream-parked#<consumer>#<0..9, from the course id> (AND begins_with(SK, <courseId>#) for one course)",
            "stream consumers (park on failure), replay command (each of the 10 partitions), aggregate rebuild");

    private ParkedRecordKeys() {
    }

    /** The partition a course's records are parked in. */
    public static String partition(String consumer, String courseId) {
        return partition(consumer, Math.floorMod((courseId == null ? NO_COURSE : courseId).hashCode(), PARTITIONS));
    }

    public static String partition(String consumer, int bucket) {
        return "stream-parked#" + consumer + "#" + bucket;
    }

    public static String coursePrefix(String courseId) {
        return (courseId == null ? NO_COURSE : courseId) + "#";
    }

    /** Sequence numbers are decimal strings of up to 40 digits: zero-padded so string order is stream order. */
    public static Key primary(String consumer, String courseId, String sequenceNumber) {
        return new Key(partition(consumer, courseId), coursePrefix(courseId) + "0".repeat(Math.max(0, 40 - sequenceNumber.length())) + sequenceNumber);
    }
}
