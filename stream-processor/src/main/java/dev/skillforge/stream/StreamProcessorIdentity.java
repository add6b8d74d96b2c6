package dev.skillforge.stream;

import java.util.Set;

import dev.skillforge.data.aggregate.CourseRankKeys;
import dev.skillforge.data.aggregate.CourseStatsKeys;
import dev.skillforge.data.aggregate.StreamMarkerKeys;
import dev.skillforge.data.audit.AuditKeys;

/** How the processor recognises its own writes when they come back through the stream, so nothing loops. */
public final class StreamProcessorIdentity {

    /** The actor recorded on items the processor writes. */
    public static final String ACTOR = "stream-processor";

    /** Entities only the processor writes: their stream records are skipped. */
    public static final Set<String> OWN_ENTITIES = Set.of(CourseStatsKeys.ENTITY, CourseStatsKeys.SHARD_ENTITY, CourseRankKeys.ENTITY,
            AuditKeys.ENTITY, StreamMarkerKeys.ENTITY);

    private StreamProcessorIdentity() {
    }
}
