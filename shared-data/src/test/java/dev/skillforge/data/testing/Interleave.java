package dev.skillforge.data.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * TEST ONLY. Puts another writer's change exactly between a function's check and its write: the next time the function
 * is about to send the named DynamoDB operation, the armed change runs first (on the test's own client, so it is a
 * real, committed write the function's request then meets). That interleaving is the one a race needs to be lost in,
 * made certain instead of hoped for. A service's own interceptor (Quarkus takes only classes of the application's index)
 * calls {@link #before} and is listed in its %test quarkus.dynamodb.interceptors.
 */
public final class Interleave {

    private static final Map<String, Runnable> BEFORE_NEXT = new ConcurrentHashMap<>();

    /** Runs {@code change} right before the function's next {@code operation} (e.g. "TransactWriteItems"), once. */
    public static void beforeNext(String operation, Runnable change) {
        BEFORE_NEXT.put(operation, change);
    }

    public static void clear() {
        BEFORE_NEXT.clear();
    }

    /** Called by the function's interceptor before each request it sends. */
    public static void before(ExecutionAttributes attributes) {
        Runnable change = BEFORE_NEXT.remove(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        if (change != null) {
            change.run();
        }
    }

    private Interleave() {
    }
}
