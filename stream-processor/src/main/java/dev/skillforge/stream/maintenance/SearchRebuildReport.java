package dev.skillforge.stream.maintenance;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one search rebuild invocation did: published courses read, courses (re)indexed, courses the index already held
 * at a later state, entries of the old two-letter index deleted (attempted: a missing one counts too), and where to
 * resume (null when the published list is done).
 */
@RegisterForReflection
public record SearchRebuildReport(int courses, int indexed, int alreadyNewer, int oldEntriesDeleted, String resumeFrom) {
}
