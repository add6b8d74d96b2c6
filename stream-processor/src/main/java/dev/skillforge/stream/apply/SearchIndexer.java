package dev.skillforge.stream.apply;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.course.CourseCodec;
import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.search.CourseSearchIndex;
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
    public boolean appliesTo(ChangeEvent event) {
        return CourseKeys.ENTITY.equals(event.entity()) && !event.isDeletionStamp();
    }

    @Override
    public void apply(ChangeEvent event) {
        index.sync(event.oldImage() == null ? null : CourseCodec.fromItem(event.oldImage()),
                event.newImage() == null ? null : CourseCodec.fromItem(event.newImage()));
    }
}
