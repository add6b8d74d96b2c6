package dev.skillforge.data.enrollment;

import java.util.Map;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Enrollment <-> item; the item also carries the by-course GSI1 key. */
public final class EnrollmentCodec {

    public static final int SCHEMA_VERSION = 1;

    private EnrollmentCodec() {
    }

    public static Map<String, AttributeValue> toItem(Enrollment enrollment) {
        return ItemWriter.of(EnrollmentKeys.primary(enrollment.userId(), enrollment.courseId()), EnrollmentKeys.ENTITY, SCHEMA_VERSION)
                .put("userId", enrollment.userId())
                .put("courseId", enrollment.courseId())
                .put("enrolledAt", enrollment.enrolledAt())
                .put("completedAt", enrollment.completedAt())
                .audited(enrollment.enrolledAt(), enrollment.enrolledAt(), enrollment.updatedBy())
                .index(EnrollmentKeys.ofCourse(enrollment.courseId(), enrollment.enrolledAt(), enrollment.userId()))
                .build();
    }

    public static Enrollment fromItem(Map<String, AttributeValue> item) {
        return new Enrollment(
                Items.string(item, "userId"),
                Items.string(item, "courseId"),
                Items.instant(item, "enrolledAt"),
                Items.instant(item, "completedAt"),
                Items.string(item, ItemWriter.UPDATED_BY));
    }
}
