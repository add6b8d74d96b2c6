package dev.skillforge.stream;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

import dev.skillforge.data.testing.StreamCapture;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * TEST ONLY, in the function's own DynamoDB client (quarkus.dynamodb.interceptors, test profile). Its switches:
 * <ul>
 * <li>{@link #capture}: the function's own writes become stream records in {@link StreamCapture#GLOBAL}, so a test can
 * feed them back as the stream would (the cascade continues through its job item's records);</li>
 * <li>{@link #watchStaleReads}: every read that DynamoDB may answer stale (eventually consistent) is recorded;</li>
 * <li>{@link #failOnCall}: the n-th call from now fails, as a throttled or unreachable table fails a call (after the
 * SDK's retries), with the calls before it made; {@link #conflictRate}: that share of transactions is cancelled with
 * TransactionConflict, as DynamoDB cancels one that meets a concurrent write to one of its items (the local engine
 * makes such writes wait instead);</li>
 * <li>{@link #metering}: every call asks for its consumed capacity, and calls and capacity units are counted per
 * operation (the cost figures of docs/performance.md).</li>
 * </ul>
 */
public class TestDynamoDbHooks implements ExecutionInterceptor {

    static volatile boolean capture;
    /** Only writes to partitions starting with this are captured (null: all). */
    static volatile String capturePartitionPrefix;
    static volatile boolean metering;
    static final AtomicInteger failOnCall = new AtomicInteger(-1);
    /** The share of TransactWriteItems answered as DynamoDB answers one that met a concurrent write: cancelled, TransactionConflict. */
    static volatile double conflictRate;
    /**
     * Every read DynamoDB may answer from a replica that has not caught up (no ConsistentRead, or any index Query) is
     * recorded here while {@link #watchStaleReads} is on: what a stale answer could reach.
     */
    static volatile boolean watchStaleReads;
    static final List<String> EVENTUAL_READS = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    static final LongAdder CONFLICTS = new LongAdder();

    static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();
    static final DoubleAdder WRITE_UNITS = new DoubleAdder();
    static final DoubleAdder READ_UNITS = new DoubleAdder();

    /** An injected failure of one call, as the SDK reports a throttled or unreachable DynamoDB. */
    static final class InjectedFailure extends RuntimeException {
        InjectedFailure() {
            super("injected DynamoDB failure", null, false, false);
        }
    }

    static void reset() {
        capture = false;
        capturePartitionPrefix = null;
        failOnCall.set(-1);
        conflictRate = 0;
        CONFLICTS.reset();
        watchStaleReads = false;
        EVENTUAL_READS.clear();
        metering = false;
        CALLS.clear();
        WRITE_UNITS.reset();
        READ_UNITS.reset();
        StreamCapture.GLOBAL.drain();
    }

    static long calls() {
        return CALLS.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!metering) {
            return context.request();
        }
        return switch (context.request()) {
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case QueryRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case BatchGetItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case BatchWriteItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case TransactWriteItemsRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            default -> context.request();
        };
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (failOnCall.get() >= 0 && failOnCall.getAndDecrement() == 0) {
            throw new InjectedFailure();
        }
        if (watchStaleReads) {
            String eventual = switch (context.request()) {
                case GetItemRequest r -> Boolean.TRUE.equals(r.consistentRead()) ? null : "GetItem " + r.key();
                case QueryRequest r -> r.indexName() != null ? "Query on " + r.indexName()
                        : Boolean.TRUE.equals(r.consistentRead()) ? null : "Query " + r.keyConditionExpression();
                case BatchGetItemRequest r -> r.requestItems().values().stream().allMatch(k -> Boolean.TRUE.equals(k.consistentRead()))
                        ? null : "BatchGetItem";
                default -> null;
            };
            if (eventual != null) {
                EVENTUAL_READS.add(eventual);
            }
        }
        if (conflictRate > 0 && context.request() instanceof TransactWriteItemsRequest transaction
                && java.util.concurrent.ThreadLocalRandom.current().nextDouble() < conflictRate) {
            CONFLICTS.increment();
            List<CancellationReason> reasons = new java.util.ArrayList<>();
            reasons.add(CancellationReason.builder().code("TransactionConflict").message("Transaction is ongoing for the item").build());
            for (int i = 1; i < transaction.transactItems().size(); i++) {
                reasons.add(CancellationReason.builder().code("None").build());
            }
            throw TransactionCanceledException.builder().message("Transaction cancelled, please refer cancellation reasons for specific "
                    + "reasons [TransactionConflict]").cancellationReasons(reasons).statusCode(400).build();
        }
        if (capture && captured(context.request())) {
            StreamCapture.GLOBAL.beforeExecution(context, attributes);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (capture && captured(context.request())) {
            StreamCapture.GLOBAL.afterExecution(context, attributes);
        }
        if (metering) {
            CALLS.computeIfAbsent(context.request().getClass().getSimpleName().replace("Request", ""), k -> new LongAdder()).increment();
            // DynamoDB (and dynalite) report CapacityUnits; whether they are read or write units follows from the call.
            switch (context.response()) {
                case PutItemResponse r -> add(WRITE_UNITS, r.consumedCapacity());
                case UpdateItemResponse r -> add(WRITE_UNITS, r.consumedCapacity());
                case DeleteItemResponse r -> add(WRITE_UNITS, r.consumedCapacity());
                case GetItemResponse r -> add(READ_UNITS, r.consumedCapacity());
                case QueryResponse r -> add(READ_UNITS, r.consumedCapacity());
                case BatchGetItemResponse r -> r.consumedCapacity().forEach(c -> add(READ_UNITS, c));
                case BatchWriteItemResponse r -> r.consumedCapacity().forEach(c -> add(WRITE_UNITS, c));
                case TransactWriteItemsResponse r -> r.consumedCapacity().forEach(c -> add(WRITE_UNITS, c));
                default -> {
                }
            }
        }
    }

    private static boolean captured(SdkRequest request) {
        String prefix = capturePartitionPrefix;
        if (prefix == null) {
            return true;
        }
        var key = switch (request) {
            case PutItemRequest r -> r.item();
            case UpdateItemRequest r -> r.key();
            case DeleteItemRequest r -> r.key();
            default -> null;
        };
        return key != null && key.get("PK") != null && key.get("PK").s().startsWith(prefix);
    }

    private static void add(DoubleAdder units, ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            units.add(capacity.capacityUnits());
        }
    }
}
