package dev.skillforge.stream.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.enrollment.EnrollmentKeys;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.progress.ProgressKeys;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.data.user.UserKeys;
import dev.skillforge.stream.ChangeEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * When a course is deleted, its enrollments and its learners' progress (which live in the users' partitions, out
 * of reach of the request that deleted the course) are deleted here, and whatever is left of the course's own
 * partition. Deleting what is already gone changes
 * nothing, so a replay is harmless; the enrollment removals flow on to the counters, which ignore a missing course.
 */
@ApplicationScoped
public class CourseCascade implements Applier {

    /** Enough for any course; a larger one is finished by the replay of a failed batch or by the rebuild. */
    static final int MAX_ENROLLMENTS = 100_000;

    @Inject
    SkillForgeTable table;

    @Inject
    CourseRepository courses;

    @Override
    public String name() {
        return "course-cascade";
    }

    @Override
    public boolean appliesTo(ChangeEvent event) {
        return CourseKeys.ENTITY.equals(event.entity()) && event.action() == ChangeEvent.Action.DELETED;
    }

    @Override
    public void apply(ChangeEvent event) {
        String courseId = Items.string(event.oldImage(), "courseId");
        List<Map<String, AttributeValue>> enrollments = table.queryAll(QueryRequest.builder()
                .indexName(TableDesign.GSI1.name())
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(EnrollmentKeys.coursePartition(courseId))))
                .projectionExpression("PK, SK, userId"), MAX_ENROLLMENTS);
        List<Key> doomed = new ArrayList<>();
        for (Map<String, AttributeValue> enrollment : enrollments) {
            String userId = Items.string(enrollment, "userId");
            doomed.add(EnrollmentKeys.primary(userId, courseId));
            table.queryAll(QueryRequest.builder()
                            .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(UserKeys.partition(userId)),
                                    ":prefix", AttributeValue.fromS(ProgressKeys.coursePrefix(courseId))))
                            .projectionExpression("PK, SK"), 10_000)
                    .forEach(progress -> doomed.add(Key.of(progress)));
        }
        table.batchWrite(List.of(), doomed);
        // The course's own partition (lessons and the rest), in case the deleting request could not finish it.
        courses.deleteRemainingItems(courseId);
    }
}
