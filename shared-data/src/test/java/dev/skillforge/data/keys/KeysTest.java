package dev.skillforge.data.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.aggregate.CourseRankKeys;
import dev.skillforge.data.audit.AuditKeys;
import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.enrollment.EnrollmentKeys;
import dev.skillforge.data.lesson.LessonKeys;
import dev.skillforge.data.progress.ProgressKeys;
import dev.skillforge.data.review.ReviewKeys;
import dev.skillforge.data.search.SearchKeys;
import dev.skillforge.data.user.UserKeys;

class KeysTest {

    static final Instant AT = Instant.parse("2026-03-04T05:06:07Z");

    @Test
    void seedLayoutKeys() {
        assertEquals(new Key("course#c1", "course"), CourseKeys.primary("c1"));
        assertEquals(new Key("course#c1", "lesson#l1"), LessonKeys.primary("c1", "l1"));
        assertEquals(new Key("user#u1", "profile"), UserKeys.profile("u1"));
        assertEquals(new Key("user#u1", "enroll#c1"), EnrollmentKeys.primary("u1", "c1"));
        assertEquals(new Key("user#u1", "progress#c1#"), ProgressKeys.primary("u1", "c1"));
        assertEquals(new Key("user#u1", "progress#c1#l1"), ProgressKeys.legacyLesson("u1", "c1", "l1"));
        assertEquals(new Key("course#c1", "review#u1"), ReviewKeys.primary("c1", "u1"));
        assertEquals(new Key("search#ja", "java#c1"), SearchKeys.legacy("java", "c1"), "the index before issue 20, for its removal");
    }

    @Test
    void indexSortKeysSortAsTime() {
        assertEquals("2026-03-04T05:06:07.000Z#c1", CourseKeys.publishedNewestFirst(AT, "c1").sk());
        assertTrue(CourseKeys.publishedNewestFirst(AT.plusMillis(1), "a").sk()
                .compareTo(CourseKeys.publishedNewestFirst(AT, "z").sk()) > 0);
        assertEquals("courses#published#category#data", CourseKeys.publishedInCategory("data", AT, "c1").pk());
        assertEquals("course#c1#enrollments", EnrollmentKeys.ofCourse("c1", AT, "u1").pk());
    }

    @Test
    void searchPostingsSortBestFirstAndEachKindHasItsOwnKey() {
        assertEquals(new Key("search#word#java", "3#2026-03-04T05:06:07.000Z#c1"), SearchKeys.posting("java", 3, AT, "c1"));
        String title = SearchKeys.posting("java", 3, AT, "a").sk();
        String tagNewer = SearchKeys.posting("java", 2, AT.plusSeconds(60), "z").sk();
        String titleNewer = SearchKeys.posting("java", 3, AT.plusMillis(1), "a").sk();
        assertTrue(title.compareTo(tagNewer) > 0, "weight first");
        assertTrue(titleNewer.compareTo(title) > 0, "then the newest");
        assertTrue(SearchKeys.posting("java", 3, AT, "b").sk().compareTo(title) > 0, "then the course id");
        assertEquals(new Key("search#prefix#ja", "prefix"), SearchKeys.prefix("ja"));
        assertEquals(new Key("search#count#java", "count"), SearchKeys.wordCount("java"));
        assertEquals(new Key("search#course#c1", "manifest"), SearchKeys.manifest("c1"));
        assertEquals("python", SearchKeys.prefixOf("pythonista"));
    }

    @Test
    void topRatedSortKeySortsByAverageThenCount() {
        assertEquals(new Key("course#c1", "rank"), CourseRankKeys.primary("c1"));
        assertEquals("courses#top-rated", CourseRankKeys.topRated(4500, 2, "a").pk());
        String better = CourseRankKeys.topRated(4500, 2, "a").sk();
        String worse = CourseRankKeys.topRated(4250, 900, "b").sk();
        String tiedMoreReviews = CourseRankKeys.topRated(4500, 10, "c").sk();
        assertEquals("4500#0000000002#a", better);
        assertTrue(better.compareTo(worse) > 0);
        assertTrue(tiedMoreReviews.compareTo(better) > 0);
    }

    @Test
    void auditDayKeysCarryAShardThatFollowsFromTheEventIdAlone() {
        assertEquals(AuditKeys.shard("e1"), AuditKeys.shard("e1"));
        String shard = Integer.toString(AuditKeys.shard("e1"));
        assertEquals("audit#day#2026-03-04#" + shard, AuditKeys.onDay(AT, "e1").pk());
        assertEquals("audit#entity#review#2026-03-04#" + shard, AuditKeys.ofEntityOnDay("review", AT, "e1").pk());
        assertEquals("2026-03-04T05:06:07.000Z#e1", AuditKeys.onDay(AT, "e1").sk());
        assertEquals(AuditKeys.DAY_SHARDS, AuditKeys.dayShards("2026-03-04").size());
        assertTrue(AuditKeys.dayShards("2026-03-04").contains(AuditKeys.onDay(AT, "e1").pk()));
        assertTrue(AuditKeys.entityDayShards("review", "2026-03-04").contains(AuditKeys.ofEntityOnDay("review", AT, "e1").pk()));
        // Stream event ids (32 hex digits) spread over every shard, none taking much more than its sixteenth.
        int[] perShard = new int[AuditKeys.DAY_SHARDS];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 16_000; i++) {
            perShard[AuditKeys.shard(String.format("%016x%016x", random.nextLong(), random.nextLong()))]++;
        }
        for (int count : perShard) {
            assertTrue(count > 850 && count < 1150, "a shard took " + count + " of 16,000 entries");
        }
    }
}
