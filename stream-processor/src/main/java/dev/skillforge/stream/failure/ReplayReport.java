package dev.skillforge.stream.failure;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a replay of parked records did: records applied and removed, records that failed again (still parked),
 * records kept because they cannot be replayed (no images, or too old), stalled or stuck cascades resumed, and whether
 * parked records are left for another run (the command stops before the function's timeout): pass {@code resumeFrom}
 * back to go on where it stopped.
 */
@RegisterForReflection
public record ReplayReport(int replayed, int failedAgain, int unreplayable, int cascadesResumed, boolean more, String resumeFrom) {
}
