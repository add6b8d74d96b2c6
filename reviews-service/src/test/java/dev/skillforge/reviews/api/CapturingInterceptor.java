package dev.skillforge.reviews.api;

import dev.skillforge.data.testing.StreamCapture;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * TEST ONLY. Plugs {@link StreamCapture#GLOBAL} into a function's own DynamoDB client
 * ({@code quarkus.dynamodb.interceptors}), so the stream records of what a service really wrote over HTTP can be
 * kept as fixtures for the stream-processor's tests.
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
