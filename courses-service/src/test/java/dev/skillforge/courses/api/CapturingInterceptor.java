package dev.skillforge.courses.api;

import dev.skillforge.data.testing.StreamCapture;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * TEST ONLY. Plugs {@link StreamCapture#GLOBAL} into the function's own DynamoDB client ({@code quarkus.dynamodb.interceptors},
 * test profile), so the course changes it makes over HTTP become stream records for {@link SearchFeed}.
 */
public class CapturingInterceptor implements ExecutionInterceptor {

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        StreamCapture.GLOBAL.beforeExecution(context, attributes);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        StreamCapture.GLOBAL.afterExecution(context, attributes);
    }
}
