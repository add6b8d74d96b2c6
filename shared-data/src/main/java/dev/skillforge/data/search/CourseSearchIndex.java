package dev.skillforge.data.search;

import java.time.Clock;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.table.SkillForgeTable;

/**
 * Keeps the search index of a course exact: only published courses have postings, one per whole word, and every
 * publish, edit, unpublish or delete moves them to the course's new words. The stream-processor's records consumer is
 * its only caller on the live path (SearchIndexer), the search rebuild the other.
 * <p>
 * Every change goes through the course's manifest ({@link SearchManifest}): a change positioned before the manifest is
 * ignored (a late, replayed or duplicate stream record), the manifest is moved to a newer one by a conditional put that
 * also lists the postings left to delete, then postings are written (each conditional on its position), counts moved in
 * transactions and prefix items refreshed. Each step can be run again, so a record delivered twice or a writer that
 * crashed halfway leaves the same index as one clean run; two writers of the same course (the live stream and a replay
 * or the rebuild) end on the later position's postings (a writer that finds it was overtaken withdraws its own). The
 * manifest is read once; it is read again only after a conditional write on it was lost.
 */
@Singleton
public class CourseSearchIndex {

    private static final int MAX_CLAIMS = 8;
    private static final int MAX_REFRESHES = 8;

    /** What a change did to the index. */
    public enum Outcome {
        /** the index now holds the target (or a later position took over while it was written) */
        APPLIED,
        /** the index already holds a later position of the course: nothing written */
        STALE
    }

    private final SearchManifests manifests;
    private final PostingWriter postings;
    private final WordCounts counts;
    private final PrefixLists prefixes;

    @Inject
    public CourseSearchIndex(SkillForgeTable table) {
        this(table, Clock.systemUTC());
    }

    public CourseSearchIndex(SkillForgeTable table, Clock clock) {
        this.manifests = new SearchManifests(table, clock);
        this.postings = new PostingWriter(table);
        this.counts = new WordCounts(table, manifests);
        this.prefixes = new PrefixLists(table);
    }

    public Outcome bringTo(SearchTarget target) {
        SearchManifest manifest = claim(target);
        if (manifest == null) {
            return Outcome.STALE;
        }
        postings.converge(manifest, target);
        // the fence: still at this position once every posting is written, so a later position (claimed after this)
        // retires what it does not keep; otherwise this writer withdraws its own postings the later one does not keep
        if (!manifests.clearRetired(target.courseId(), target.position())) {
            postings.withdraw(target, manifests.read(target.courseId()));
            return Outcome.APPLIED;
        }
        refreshPrefixes(counts.settle(manifest));
        return Outcome.APPLIED;
    }

    /** The manifest at the target's position (moved there if it was before), or null when it is already past it. */
    private SearchManifest claim(SearchTarget target) {
        for (int attempt = 0; attempt < MAX_CLAIMS; attempt++) {
            SearchManifest seen = manifests.read(target.courseId());
            if (seen.position() > target.position()) {
                return null;
            }
            SearchManifest manifest = seen.position() == target.position() ? seen : manifests.claim(seen, target);
            if (manifest != null) {
                return manifest;
            }
            Backoff.pause(attempt);
        }
        throw new IllegalStateException("the search manifest of course " + target.courseId() + " kept moving");
    }

    /**
     * Refreshes the prefix items of the words the manifest lists as moved, then forgets them (unless more moved
     * meanwhile, which a read of the manifest then shows). Null: a later position took over, and refreshes them itself.
     */
    private void refreshPrefixes(SearchManifest manifest) {
        for (int round = 0; round < MAX_REFRESHES && manifest != null; round++) {
            if (manifest.refresh().isEmpty()) {
                return;
            }
            prefixes.refresh(manifest.refresh());
            if (manifests.clearRefresh(manifest.courseId(), manifest.countRevision())) {
                return;
            }
            manifest = manifests.read(manifest.courseId());
        }
        if (manifest != null) {
            throw new IllegalStateException("the prefix items of course " + manifest.courseId() + " kept needing a refresh");
        }
    }
}
