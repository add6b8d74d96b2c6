package dev.skillforge.reviews.api;

import dev.skillforge.data.testing.Interleave;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** TEST ONLY. This function's requests pass {@link Interleave}, which may commit another writer's change first. */
public class RaceInterleave implements ExecutionInterceptor {

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Interleave.before(attributes);
    }
}
