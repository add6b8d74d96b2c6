package dev.skillforge.data.enrollment;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.table.SkillForgeTable;

/** Enrollments; each method is one access pattern from {@link EnrollmentKeys}. */
@Singleton
public class EnrollmentRepository {

    private final SkillForgeTable table;

    @Inject
    public EnrollmentRepository(SkillForgeTable table) {
        this.table = table;
    }

    public Optional<Enrollment> find(String userId, String courseId) {
        return table.get(EnrollmentKeys.primary(userId, courseId)).map(EnrollmentCodec::fromItem);
    }

    public boolean isEnrolled(String userId, String courseId) {
        return find(userId, courseId).isPresent();
    }

    /** The seed's conditional put: a second enrollment is refused, never an overwrite of the first. */
    public void create(Enrollment enrollment) {
        table.create(EnrollmentCodec.toItem(enrollment), "Already enrolled in this course.");
    }
}
