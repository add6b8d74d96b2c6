package dev.skillforge.stream.apply;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.search.CourseSearchIndex;
import dev.skillforge.data.search.SearchTarget;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.stream.ChangeEvent;

/**
 * The search index's only writer on the live path: each course change moves the course's postings, word counts and
 * prefix items to what the course needs at that change (its words while published, none otherwise). The index's
 * manifest orders the changes by the course's version, so a duplicate record, a record retried after later ones, or one
 * replayed days later changes nothing that a later change already set.
 */
@ApplicationScoped
public class SearchIndexer implements Applier {

    @Inject
    CourseSearchIndex index;

    @Inject
    CourseRepository courses;

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

    @Override
    public void apply(ChangeEvent event) {
        index.bringTo(target(event));
    }

    /**
     * From the record's images; a replayed record (days old) brings the index to the course as it is now, or to its
     * delete when it is gone.
     */
    private SearchTarget target(ChangeEvent event) {
        if (!event.replayed()) {
            return SearchTarget.fromImages(event.oldImage(), event.newImage());
        }
        String courseId = Items.string(event.current(), "courseId");
        return courses.find(courseId).map(SearchTarget::of)
                .orElseGet(() -> SearchTarget.removed(courseId, Items.number(event.current(), "version", 0)));
    }
}
