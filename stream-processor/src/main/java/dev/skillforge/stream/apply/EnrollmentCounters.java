package dev.skillforge.stream.apply;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.aggregate.CourseStatsCodec;
import dev.skillforge.data.enrollment.EnrollmentKeys;
import dev.skillforge.data.item.Items;
import dev.skillforge.stream.ChangeEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Enrollment and completion counts of each course. */
@ApplicationScoped
public class EnrollmentCounters implements Applier {

    @Inject
    AggregateWriter writer;

    @Override
    public String name() {
        return "enrollment-counters";
    }

    @Override
    public boolean appliesTo(ChangeEvent event) {
        return EnrollmentKeys.ENTITY.equals(event.entity());
    }

    @Override
    public void apply(ChangeEvent event) {
        Map<String, Long> delta = Contributions.delta(event.oldImage(), event.newImage(), EnrollmentCounters::contribution);
        if (!delta.isEmpty()) {
            writer.applyOnce(event.eventId(), name(), Items.string(event.current(), "courseId"), delta);
        }
    }

    static Map<String, Long> contribution(Map<String, AttributeValue> enrollment) {
        return Map.of(CourseStatsCodec.ENROLLMENT_COUNT, 1L,
                CourseStatsCodec.COMPLETION_COUNT, enrollment.containsKey("completedAt") ? 1L : 0L);
    }
}
