package dev.skillforge.stream.maintenance;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What a rebuild found: items read, courses checked, every drifted counter, and what was repaired. */
@RegisterForReflection
public record RebuildReport(long scannedItems, int courses, List<Drift> drift, int repaired, int changedDuringRebuild) {

    /** One counter of one course that differed from the recomputation. */
    @RegisterForReflection
    public record Drift(String courseId, String field, long expected, long actual) {
    }
}
