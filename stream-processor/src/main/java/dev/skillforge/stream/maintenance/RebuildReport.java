package dev.skillforge.stream.maintenance;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one rebuild invocation found: courses checked, every drifted counter, corrections written, courses not corrected
 * and why, courses whose top-rated entry was moved from the aggregate onto its rank item, and where to resume the segment
 * (null when it is done).
 */
@RegisterForReflection
public record RebuildReport(String runId, int courses, List<Drift> drift, int repaired, List<Refusal> refused, int ranksMoved,
        String resumeFrom) {

    /** One counter of one course that differed from the recomputation. */
    @RegisterForReflection
    public record Drift(String courseId, String field, long expected, long actual) {
    }

    /** A course whose difference was not corrected, and why. */
    @RegisterForReflection
    public record Refusal(String courseId, String reason) {
    }
}
