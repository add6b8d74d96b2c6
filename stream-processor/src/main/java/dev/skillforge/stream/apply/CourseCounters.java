package dev.skillforge.stream.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import dev.skillforge.data.item.Items;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.stream.ChangeEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An applier that keeps counters on a course's aggregate from one entity's changes. The delta of a change is the
 * new image's contribution minus the old one's, so inserts, edits (a rating moving from 2 to 5) and deletes all
 * fall out of one rule; a zero delta writes nothing. Subclasses say which entity and what one item contributes;
 * the rebuild recomputes the counters with the same contributions.
 */
public abstract class CourseCounters implements BatchApplier {

    @Inject
    AggregateWriter writer;

    /** The entity tag whose items this applier counts. */
    public abstract String entity();

    /** What one item adds to its course's counters. */
    public abstract Map<String, Long> contribution(Map<String, AttributeValue> item);

    @Override
    public StreamConsumer consumer() {
        return StreamConsumer.AGGREGATES;
    }

    @Override
    public boolean appliesTo(ChangeEvent event) {
        return entity().equals(event.entity());
    }

    /** The change each event makes to its course's counters; events that change nothing are left out. */
    @Override
    public void applyAll(List<ChangeEvent> events) {
        List<AggregateWriter.Change> changes = new ArrayList<>();
        for (ChangeEvent event : events) {
            Map<String, Long> delta = new LinkedHashMap<>();
            if (event.newImage() != null) {
                contribution(event.newImage()).forEach((k, v) -> delta.merge(k, v, Long::sum));
            }
            if (event.oldImage() != null) {
                contribution(event.oldImage()).forEach((k, v) -> delta.merge(k, -v, Long::sum));
            }
            delta.values().removeIf(v -> v == 0);
            if (!delta.isEmpty()) {
                changes.add(new AggregateWriter.Change(event.eventId(), Items.string(event.current(), "courseId"), delta));
            }
        }
        if (!changes.isEmpty()) {
            writer.applyAllOnce(name(), changes);
        }
    }
}
