package dev.skillforge.stream.apply;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseCodec;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.search.CourseSearchIndex;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.stream.ChangeEvent;

/**
 * Keeps the search entries in step with each course change, from the change's old and new images. courses-service
 * writes the same entries right after the change, so a caller finds its course at once; this is what makes the
 * index right when that write failed. Writing the same entries again changes nothing, so replays are harmless,
 * and a course's records arrive in order, so the last one wins.
 */
@ApplicationScoped
public class SearchIndexer implements Applier {

    @Inject
    CourseSearchIndex index;

    @Override
    public String name() {
        return "search-index";
    }

    @Override
    public StreamConsumer consumer() {
        return StreamConsumer.RECORDS;
    }

    @Override
    public boolean appliesTo(ChangeEvent event) {
        return CourseKeys.ENTITY.equals(event.entity()) && !event.isDeletionStamp();
    }

    @Inject
    CourseRepository courses;

    /**
     * From the images; a replayed record is days old and later records of the course were applied since, so its entries
     * are brought to the course as it is now (its old image's words removed, the current ones written).
     */
    @Override
    public void apply(ChangeEvent event) {
        Course before = event.oldImage() == null ? null : CourseCodec.fromItem(event.oldImage());
        Course after = event.newImage() == null ? null : CourseCodec.fromItem(event.newImage());
        if (event.replayed()) {
            after = courses.find(Items.string(event.current(), "courseId")).orElse(null);
        }
        index.sync(before, after);
    }
}
