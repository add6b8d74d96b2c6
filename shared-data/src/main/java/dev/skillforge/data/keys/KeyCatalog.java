package dev.skillforge.data.keys;

import java.util.List;

import dev.skillforge.data.aggregate.CourseStatsKeys;
import dev.skillforge.data.aggregate.StreamMarkerKeys;
import dev.skillforge.data.audit.AuditKeys;
import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.enrollment.EnrollmentKeys;
import dev.skillforge.data.idempotency.IdempotencyKeys;
import dev.skillforge.data.lesson.LessonKeys;
import dev.skillforge.data.progress.ProgressKeys;
import dev.skillforge.data.review.ReviewKeys;
import dev.skillforge.data.search.SearchKeys;
import dev.skillforge.data.user.UserKeys;

/** Every access pattern of the platform on one screen; docs/data-model.md is checked against it. */
public final class KeyCatalog {

    public static final List<AccessPattern> ALL = List.of(
            CourseKeys.GET_BY_ID,
            CourseKeys.PUBLISHED_NEWEST_FIRST,
            CourseKeys.PUBLISHED_IN_CATEGORY,
            CourseKeys.WHOLE_COURSE,
            SearchKeys.WORD_BEST_FIRST,
            SearchKeys.PREFIX_WORDS,
            SearchKeys.WORD_COUNT,
            SearchKeys.MANIFEST,
            SearchKeys.LEGACY_ENTRIES,
            LessonKeys.OUTLINE,
            LessonKeys.KEY_COUNTER,
            LessonKeys.LEGACY_LESSONS,
            LessonKeys.GET_BY_ID,
            LessonKeys.COURSE_OF_LESSON,
            UserKeys.PROFILE_BY_ID,
            UserKeys.BY_ROLE,
            UserKeys.ACCOUNT_BY_ID,
            UserKeys.ADMIN_LOCK,
            dev.skillforge.data.media.MediaUploadKeys.GRANT_OF_KEY,
            dev.skillforge.data.user.ErasureJobKeys.OF_USER,
            dev.skillforge.data.user.ErasureJobKeys.USER_PARTITION,
            EnrollmentKeys.GET,
            EnrollmentKeys.OF_USER,
            EnrollmentKeys.OF_COURSE,
            ProgressKeys.OF_COURSE,
            ProgressKeys.LEGACY_OF_COURSE,
            ReviewKeys.OF_AUTHOR,
            ReviewKeys.NEWEST_FIRST,
            CourseStatsKeys.OF_COURSE,
            CourseStatsKeys.COUNTERS_OF_COURSE,
            dev.skillforge.data.aggregate.CourseRankKeys.OF_COURSE,
            dev.skillforge.data.aggregate.CourseRankKeys.TOP_RATED,
            StreamMarkerKeys.APPLIED,
            dev.skillforge.data.stream.ParkedRecordKeys.OF_CONSUMER,
            dev.skillforge.data.cascade.CascadeJobKeys.OF_COURSE,
            dev.skillforge.data.cascade.CascadeJobKeys.BY_STATE,
            dev.skillforge.data.aggregate.RebuildKeys.CANDIDATE,
            dev.skillforge.data.aggregate.RebuildKeys.ALL_COURSES,
            AuditKeys.OF_OBJECT,
            AuditKeys.OF_ENTITY_ON_DAY,
            AuditKeys.ON_DAY,
            IdempotencyKeys.CLAIM,
            IdempotencyKeys.STORED,
            dev.skillforge.data.startup.Priming.PRIMING);

    private KeyCatalog() {
    }

    /** The markdown table written into docs/data-model.md. */
    public static String renderMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("| entity | access pattern | operation | index | key condition | used by |\n");
        out.append("| --- | --- | --- | --- | --- | --- |\n");
        for (AccessPattern p : ALL) {
            out.append("| ").append(p.entity())
                    .append(" | ").append(p.name())
                    .append(" | ").append(p.operation())
                    .append(" | ").append(p.index())
                    .append(" | `").append(p.keyCondition()).append('`')
                    .append(" | ").append(p.usedBy())
                    .append(" |\n");
        }
        return out.toString();
    }
}
