package dev.skillforge.data.aggregate;

import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.Key;

/**
 * The aggregate rebuild's own items and reads (maintenance only: an operator invokes it, no request path does): a
 * candidate per course whose counters differed at a check, which a later repair run of the same run id may correct.
 */
public final class RebuildKeys {

    public static final String ENTITY = "rebuildCandidate";

    public static final AccessPattern CANDIDATE = new AccessPattern(ENTITY, "a difference a rebuild check recorded", "PutItem, GetItem",
            AccessPattern.TABLE, "PK = rebuild#<runId> AND SK = <courseId>", "aggregate rebuild (check, then repair)");
    public static final AccessPattern ALL_COURSES = new AccessPattern("course", "every course, for the rebuild (maintenance only)",
            "parallel Scan (Segment of TotalSegments), FilterExpression entity = course", AccessPattern.TABLE, "(none: a Scan)",
            "aggregate rebuild");

    private RebuildKeys() {
    }

    public static Key candidate(String runId, String courseId) {
        return new Key("rebuild#" + runId, courseId);
    }
}
