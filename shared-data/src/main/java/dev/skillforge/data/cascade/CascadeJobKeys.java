package dev.skillforge.data.cascade;

import java.time.Instant;

import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.IndexKey;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.table.TableDesign;

/**
 * The work item of a deleted course's cascade (its enrollments, its learners' progress, the rest of its partition):
 * one per course, in its own partition, holding the checkpoint of the bounded steps that delete them. Each step
 * writes the item, and that write's stream record starts the next step. While a job is running or stalled it is
 * listed on GSI1 by state, so the replay command finds the ones to resume.
 */
public final class CascadeJobKeys {

    public static final String ENTITY = "cascadeJob";
    public static final String RUNNING = "running";
    public static final String STALLED = "stalled";
    public static final String DONE = "done";

    public static final AccessPattern OF_COURSE = new AccessPattern(ENTITY, "the cascade job of a deleted course", "GetItem / conditional writes",
            AccessPattern.TABLE, "PK = cascade#<courseId> AND SK = job", "stream-records (each step), replay command");
    public static final AccessPattern BY_STATE = new AccessPattern(ENTITY, "running or stalled cascade jobs, least recently updated first",
            "Query", TableDesign.GSI1.name(), "GSI1PK = cascade-jobs#<state> (GSI1SK = <updatedAt>#<courseId>)", "replay command");

    private CascadeJobKeys() {
    }

    public static Key primary(String courseId) {
        return new Key("cascade#" + courseId, "job");
    }

    public static String statePartition(String state) {
        return "cascade-jobs#" + state;
    }

    /** Sparse: only running and stalled jobs carry it. */
    public static IndexKey byState(String state, Instant updatedAt, String courseId) {
        return new IndexKey(TableDesign.GSI1, statePartition(state), Timestamps.sortable(updatedAt) + "#" + courseId);
    }
}
