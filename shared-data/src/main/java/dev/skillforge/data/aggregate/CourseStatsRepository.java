package dev.skillforge.data.aggregate;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Read side of the aggregates the stream-processor keeps. */
@Singleton
public class CourseStatsRepository {

    private final SkillForgeTable table;

    @Inject
    public CourseStatsRepository(SkillForgeTable table) {
        this.table = table;
    }

    /** A course's aggregates; all zero before the first event was processed. */
    public CourseStats find(String courseId) {
        return table.get(CourseStatsKeys.primary(courseId))
                .map(item -> CourseStatsCodec.fromItem(courseId, item))
                .orElseGet(() -> CourseStats.empty(courseId));
    }

    /** Published courses with enough reviews, best average first, ties by more reviews (GSI2). */
    public Page<CourseStats> topRated(PageRequest page) {
        return table.partitionPage(TableDesign.GSI2, CourseStatsKeys.TOP_RATED_PARTITION, true, page).map(item -> CourseStatsCodec.fromItem(courseIdOf(item), item));
    }

    private static String courseIdOf(Map<String, AttributeValue> item) {
        String courseId = Items.string(item, "courseId");
        return courseId != null ? courseId : item.get(TableDesign.PK).s().substring(CourseKeys.PARTITION_PREFIX.length());
    }
}
