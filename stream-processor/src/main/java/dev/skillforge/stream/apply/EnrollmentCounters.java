package dev.skillforge.stream.apply;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.skillforge.data.aggregate.CourseStatsCodec;
import dev.skillforge.data.enrollment.EnrollmentKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Enrollment and completion counts of each course. */
@ApplicationScoped
public class EnrollmentCounters extends CourseCounters {

    @Override
    public String name() {
        return "enrollment-counters";
    }

    @Override
    public String entity() {
        return EnrollmentKeys.ENTITY;
    }

    @Override
    public Map<String, Long> contribution(Map<String, AttributeValue> enrollment) {
        return Map.of(CourseStatsCodec.ENROLLMENT_COUNT, 1L,
                CourseStatsCodec.COMPLETION_COUNT, enrollment.containsKey("completedAt") ? 1L : 0L);
    }
}
