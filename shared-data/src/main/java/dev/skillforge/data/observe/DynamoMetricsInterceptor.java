package dev.skillforge.data.observe;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.Arc;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Times every DynamoDB call by operation and outcome (quarkus.dynamodb.interceptors lists it). */
public class DynamoMetricsInterceptor implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("skillforge.metrics.started");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(attributes, "ok");
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(attributes, context.exception().getClass().getSimpleName());
    }

    private static void record(ExecutionAttributes attributes, String outcome) {
        Long started = attributes.getAttribute(STARTED);
        if (started == null) {
            return;
        }
        long nanos = System.nanoTime() - started;
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Timer.builder("skillforge.dynamodb.calls").tag("operation", operation).tag("outcome", outcome)
                .register(Metrics.globalRegistry).record(nanos, TimeUnit.NANOSECONDS);
        if (Arc.container() != null && Arc.container().requestContext().isActive()) {
            InvocationMetrics invocation = Arc.container().instance(InvocationMetrics.class).get();
            invocation.add("DynamoDbCalls", "Count", 1);
            invocation.add("DynamoDbLatency", "Milliseconds", nanos / 1_000_000.0);
            if (!"ok".equals(outcome)) {
                invocation.add("DynamoDbErrors", "Count", 1);
            }
        }
    }
}
