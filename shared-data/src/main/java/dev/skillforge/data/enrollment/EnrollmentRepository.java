package dev.skillforge.data.enrollment;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.table.SkillForgeTable;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/** Enrollments; each method is one access pattern from {@link EnrollmentKeys}. */
@Singleton
public class EnrollmentRepository {

    private final SkillForgeTable table;

    @Inject
    public EnrollmentRepository(SkillForgeTable table) {
        this.table = table;
    }

    public Optional<Enrollment> find(String userId, String courseId) {
        GetItemResponse response = table.client().getItem(b -> b.tableName(table.name())
                .key(EnrollmentKeys.primary(userId, courseId).toAttributes()));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(EnrollmentCodec.fromItem(response.item()))
                : Optional.empty();
    }

    public boolean isEnrolled(String userId, String courseId) {
        return find(userId, courseId).isPresent();
    }

    /** The seed's conditional put: a second enrollment is refused, never an overwrite of the first. */
    public void create(Enrollment enrollment) {
        try {
            table.client().putItem(b -> b.tableName(table.name())
                    .item(EnrollmentCodec.toItem(enrollment))
                    .conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException e) {
            throw Conflict.alreadyExists("Already enrolled in this course.");
        }
    }
}
