package dev.skillforge.courses.api;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * TEST ONLY, in the function's own DynamoDB client (test profile): asks the engine for the consumed capacity of every
 * read and adds up what the function read: read units, items returned by Queries, Queries sent without a Limit.
 */
public class ReadMeter implements ExecutionInterceptor {

    /** What the function read since the last {@link #take()}. */
    record Reads(double units, int queriedItems, int queries, int queriesWithoutLimit) {
    }

    private static final DoubleAdder UNITS = new DoubleAdder();
    private static final AtomicInteger ITEMS = new AtomicInteger();
    private static final AtomicInteger QUERIES = new AtomicInteger();
    private static final AtomicInteger UNLIMITED = new AtomicInteger();

    static synchronized Reads take() {
        Reads reads = new Reads(UNITS.sumThenReset(), ITEMS.getAndSet(0), QUERIES.getAndSet(0), UNLIMITED.getAndSet(0));
        return reads;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof QueryRequest query) {
            return query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof GetItemRequest get) {
            return get.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof BatchGetItemRequest batch) {
            return batch.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.response() instanceof QueryResponse query) {
            QUERIES.incrementAndGet();
            ITEMS.addAndGet(query.count());
            add(query.consumedCapacity());
            if (((QueryRequest) context.request()).limit() == null) {
                UNLIMITED.incrementAndGet();
            }
        } else if (context.response() instanceof GetItemResponse get) {
            add(get.consumedCapacity());
        } else if (context.response() instanceof BatchGetItemResponse batch && batch.hasConsumedCapacity()) {
            batch.consumedCapacity().forEach(ReadMeter::add);
        }
    }

    private static void add(ConsumedCapacity consumed) {
        if (consumed != null && consumed.capacityUnits() != null) {
            UNITS.add(consumed.capacityUnits());
        }
    }
}
