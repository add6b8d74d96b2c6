package dev.skillforge.stream.apply;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.cascade.CascadeJobKeys;
import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.stream.ChangeEvent;
import dev.skillforge.stream.StreamProcessorIdentity;

/**
 * When a course is deleted, its enrollments and its learners' progress (in the users' partitions, out of reach of the
 * request that deleted the course) and the rest of its partition must go, however many there are. This only starts
 * the work: it puts the course's cascade job (one write, if there is none yet, so a replay starts nothing twice), and
 * {@link CascadeStep} does the deleting in bounded, checkpointed steps, each started by the job's previous write.
 */
@ApplicationScoped
public class CourseCascade implements Applier {

    @Inject
    SkillForgeTable table;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return "course-cascade";
    }

    @Override
    public StreamConsumer consumer() {
        return StreamConsumer.RECORDS;
    }

    @Override
    public boolean appliesTo(ChangeEvent event) {
        return CourseKeys.ENTITY.equals(event.entity()) && event.action() == ChangeEvent.Action.DELETED;
    }

    @Override
    public void apply(ChangeEvent event) {
        String courseId = Items.string(event.oldImage(), "courseId");
        String deletedBy = Items.string(event.oldImage(), ItemWriter.DELETED_BY);
        var job = ItemWriter.of(CascadeJobKeys.primary(courseId), CascadeJobKeys.ENTITY, 1)
                .put("courseId", courseId)
                .put(JobSteps.STATE, CascadeJobKeys.RUNNING)
                .put(JobSteps.PHASE, CascadeStep.Phase.ENROLLMENTS.name())
                .put(JobSteps.STEP, 0)
                .put(JobSteps.ATTEMPTS, 0)
                .put("requestedBy", deletedBy != null ? deletedBy : StreamProcessorIdentity.ACTOR)
                .audited(clock.instant(), clock.instant(), StreamProcessorIdentity.ACTOR)
                .index(CascadeJobKeys.byState(CascadeJobKeys.RUNNING, clock.instant(), courseId))
                .build();
        table.putIfAbsent(job); // once: a replay of the delete finds the job, which goes on from its own checkpoint
    }
}
