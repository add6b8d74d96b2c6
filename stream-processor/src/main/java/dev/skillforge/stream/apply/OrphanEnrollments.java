package dev.skillforge.stream.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.enrollment.EnrollmentKeys;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.progress.ProgressKeys;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.user.UserKeys;
import dev.skillforge.stream.ChangeEvent;
import io.quarkus.logging.Log;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Enrolling reads the course and then puts the enrollment: a course deleted in between leaves an enrollment its
 * cascade may already have passed. So each new enrollment's course is checked here (one strongly consistent
 * BatchGetItem per run of records) and an enrollment of a course that no longer exists is deleted, with the learner's
 * progress in it (which the cascade finds only through the enrollment). A transaction with a
 * check on the course item would close the gap at the write, but every enrollment of a popular course would then
 * conflict on that one item.
 */
@ApplicationScoped
public class OrphanEnrollments implements BatchApplier {

    @Inject
    SkillForgeTable table;

    @Override
    public String name() {
        return "orphan-enrollments";
    }

    @Override
    public StreamConsumer consumer() {
        return StreamConsumer.RECORDS;
    }

    @Override
    public boolean appliesTo(ChangeEvent event) {
        return EnrollmentKeys.ENTITY.equals(event.entity()) && event.action() == ChangeEvent.Action.CREATED;
    }

    @Override
    public void applyAll(List<ChangeEvent> events) {
        Set<String> courseIds = new LinkedHashSet<>();
        events.forEach(event -> courseIds.add(Items.string(event.newImage(), "courseId")));
        Set<String> existing = new HashSet<>();
        for (Map<String, AttributeValue> course : table.batchGetConsistent(courseIds.stream().map(CourseKeys::primary).toList())) {
            existing.add(Items.string(course, "courseId"));
        }
        List<Key> orphans = new ArrayList<>();
        for (ChangeEvent event : events) {
            String courseId = Items.string(event.newImage(), "courseId");
            String userId = Items.string(event.newImage(), "userId");
            if (!existing.contains(courseId)) {
                orphans.add(EnrollmentKeys.primary(userId, courseId));
                // With the enrollment gone the cascade cannot find this learner's progress in the course: it goes too.
                table.queryAll(QueryRequest.builder()
                                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(UserKeys.partition(userId)),
                                        ":prefix", AttributeValue.fromS(ProgressKeys.coursePrefix(courseId))))
                                .projectionExpression("PK, SK")
                                .consistentRead(true), Integer.MAX_VALUE)
                        .forEach(progress -> orphans.add(Key.of(progress)));
            }
        }
        if (!orphans.isEmpty()) {
            Log.infof("Deleting %d enrollments of deleted courses", orphans.size());
            table.batchWrite(List.of(), List.copyOf(new LinkedHashSet<>(orphans)));
        }
    }
}
