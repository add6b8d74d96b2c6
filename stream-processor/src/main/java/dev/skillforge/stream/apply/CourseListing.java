package dev.skillforge.stream.apply;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.stream.ChangeEvent;

/** Follows each course's publication into its aggregate, so only published courses are top-rated. */
@ApplicationScoped
public class CourseListing implements Applier {

    @Inject
    AggregateWriter writer;

    @Override
    public String name() {
        return "course-listing";
    }

    @Override
    public StreamConsumer consumer() {
        return StreamConsumer.AGGREGATES;
    }

    @Override
    public boolean appliesTo(ChangeEvent event) {
        return CourseKeys.ENTITY.equals(event.entity()) && !event.isDeletionStamp();
    }

    @Inject
    dev.skillforge.data.course.CourseRepository courses;

    @Override
    public void apply(ChangeEvent event) {
        String courseId = Items.string(event.current(), "courseId");
        if (event.replayed() && event.action() != ChangeEvent.Action.DELETED && courses.find(courseId).isEmpty()) {
            // A days-old record of a course deleted since: its aggregate is gone and must not come back.
            return;
        }
        if (event.action() == ChangeEvent.Action.DELETED) {
            writer.deleteAggregate(courseId);
            return;
        }
        boolean wasPublished = event.oldImage() != null && isPublished(event.oldImage());
        boolean published = isPublished(event.newImage());
        if (event.action() == ChangeEvent.Action.CREATED || wasPublished != published) {
            writer.setPublished(courseId, published, Items.number(event.newImage(), ItemWriter.VERSION, 0));
        }
    }

    private static boolean isPublished(java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> course) {
        return CourseStatus.PUBLISHED.value().equals(Items.string(course, "status"));
    }
}
