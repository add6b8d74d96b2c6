package dev.skillforge.stream.apply;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.user.ErasureJobKeys;
import dev.skillforge.data.user.UserKeys;
import dev.skillforge.stream.ChangeEvent;
import dev.skillforge.stream.StreamProcessorIdentity;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * When a user's account item turns deleted (the admin route or DELETE /me), their personal data must go: profile,
 * enrollments, progress and reviews, however many. This only starts the work, putting the user's erasure job once (a
 * replayed record starts nothing twice); {@link ErasureStep} deletes in bounded steps, each started by the job's write.
 */
@ApplicationScoped
public class UserErasure implements Applier {

    @Inject
    SkillForgeTable table;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return "user-erasure";
    }

    @Override
    public StreamConsumer consumer() {
        return StreamConsumer.RECORDS;
    }

    @Override
    public boolean appliesTo(ChangeEvent event) {
        return UserKeys.ACCOUNT_ENTITY.equals(event.entity()) && event.newImage() != null
                && "deleted".equals(Items.string(event.newImage(), "state"));
    }

    @Override
    public void apply(ChangeEvent event) {
        String userId = Items.string(event.newImage(), "userId");
        var job = ItemWriter.of(ErasureJobKeys.primary(userId), ErasureJobKeys.ENTITY, 1)
                .put("userId", userId)
                .put(ErasureStep.STATE, ErasureJobKeys.RUNNING)
                .put(ErasureStep.PHASE, ErasureStep.Phase.PARTITION.name())
                .put(ErasureStep.STEP, 0)
                .put(ErasureStep.ATTEMPTS, 0)
                .put("requestedBy", Items.string(event.newImage(), ItemWriter.UPDATED_BY))
                .audited(clock.instant(), clock.instant(), StreamProcessorIdentity.ACTOR)
                .build();
        try {
            table.client().putItem(b -> b.tableName(table.name()).item(job).conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException alreadyStarted) {
            // a replay: the job exists and goes on from its own state
        }
    }
}
