package dev.skillforge.data.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.paging.CursorCodec;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.testing.TestEngine;
import dev.skillforge.data.testing.TestTable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * What one course change costs the stream's index writer, in the units the engine charges (docs/data-model.md,
 * "Search"): a publish pays for its postings, counts and new words' prefix items; a change that moves no word pays for its
 * postings; a late record reads the manifest and stops.
 */
class SearchIndexCostTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    static TestEngine engine;
    static CourseSearchIndex index;
    static final DoubleAdder READ = new DoubleAdder();
    static final DoubleAdder WRITE = new DoubleAdder();

    /** TEST ONLY: asks the engine for the capacity of every call the writer makes and adds it up. */
    static final class Meter implements ExecutionInterceptor {

        private static final ReturnConsumedCapacity TOTAL = ReturnConsumedCapacity.TOTAL;

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            if (request instanceof GetItemRequest r) {
                return r.toBuilder().returnConsumedCapacity(TOTAL).build();
            } else if (request instanceof BatchGetItemRequest r) {
                return r.toBuilder().returnConsumedCapacity(TOTAL).build();
            } else if (request instanceof QueryRequest r) {
                return r.toBuilder().returnConsumedCapacity(TOTAL).build();
            } else if (request instanceof PutItemRequest r) {
                return r.toBuilder().returnConsumedCapacity(TOTAL).build();
            } else if (request instanceof UpdateItemRequest r) {
                return r.toBuilder().returnConsumedCapacity(TOTAL).build();
            } else if (request instanceof DeleteItemRequest r) {
                return r.toBuilder().returnConsumedCapacity(TOTAL).build();
            } else if (request instanceof BatchWriteItemRequest r) {
                return r.toBuilder().returnConsumedCapacity(TOTAL).build();
            } else if (request instanceof TransactWriteItemsRequest r) {
                return r.toBuilder().returnConsumedCapacity(TOTAL).build();
            }
            return request;
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            SdkResponse response = context.response();
            if (response instanceof GetItemResponse r) {
                add(READ, r.consumedCapacity());
            } else if (response instanceof BatchGetItemResponse r) {
                r.consumedCapacity().forEach(c -> add(READ, c));
            } else if (response instanceof QueryResponse r) {
                add(READ, r.consumedCapacity());
            } else if (response instanceof PutItemResponse r) {
                add(WRITE, r.consumedCapacity());
            } else if (response instanceof UpdateItemResponse r) {
                add(WRITE, r.consumedCapacity());
            } else if (response instanceof DeleteItemResponse r) {
                add(WRITE, r.consumedCapacity());
            } else if (response instanceof BatchWriteItemResponse r) {
                r.consumedCapacity().forEach(c -> add(WRITE, c));
            } else if (response instanceof TransactWriteItemsResponse r) {
                r.consumedCapacity().forEach(c -> add(WRITE, c));
            }
        }

        private static void add(DoubleAdder to, ConsumedCapacity consumed) {
            if (consumed != null && consumed.capacityUnits() != null) {
                to.add(consumed.capacityUnits());
            }
        }
    }

    @BeforeAll
    static void startEngine() {
        engine = TestEngine.start();
        DynamoDbClient metered = DynamoDbClient.builder().endpointOverride(URI.create(engine.dynalite().endpoint().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new Meter())).build();
        index = new CourseSearchIndex(new SkillForgeTable(metered, TestTable.NAME, CursorCodec.forLists(TestTable.CURSOR_SECRET)));
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    static Course course(long version, CourseStatus status, String title, String... tags) {
        return new Course("c1", "alice", title, "About it", "programming", List.of(tags), "beginner", null, status, version, T, T,
                "alice", T.plusSeconds(60));
    }

    static double[] cost(SearchTarget target) {
        READ.sumThenReset();
        WRITE.sumThenReset();
        index.bringTo(target);
        return new double[] { READ.sumThenReset(), WRITE.sumThenReset() };
    }

    @Test
    void whatACourseChangeCostsTheIndex() {
        // eight words, all new to the index
        double[] publish = cost(SearchTarget.of(course(2, CourseStatus.PUBLISHED, "Practical Data Engineering Pipelines", "spark",
                "airflow", "python")));
        // the title's words kept, one tag swapped: one word leaves, one arrives
        double[] edit = cost(SearchTarget.of(course(3, CourseStatus.PUBLISHED, "Practical Data Engineering Pipelines", "spark",
                "airflow", "dbt")));
        // the same words, another description: the postings are rewritten, no count moves
        double[] rewrite = cost(SearchTarget.of(course(4, CourseStatus.PUBLISHED, "Practical Data Engineering Pipelines", "spark",
                "airflow", "dbt")));
        double[] late = cost(SearchTarget.of(course(3, CourseStatus.PUBLISHED, "Practical Data Engineering Pipelines")));
        double[] unpublish = cost(SearchTarget.of(course(5, CourseStatus.UNPUBLISHED, "Practical Data Engineering Pipelines")));
        System.out.printf("search index cost (read / write units): publish %.1f / %.1f, edit %.1f / %.1f, rewrite %.1f / %.1f, "
                + "late %.1f / %.1f, unpublish %.1f / %.1f%n", publish[0], publish[1], edit[0], edit[1], rewrite[0], rewrite[1], late[0],
                late[1], unpublish[0], unpublish[1]);
        assertEquals(1, late[0], "a late record reads the manifest (strongly consistent, 1 unit) and stops");
        assertEquals(0, late[1]);
        assertEquals(1, rewrite[0], "the manifest read");
        assertEquals(10, rewrite[1], "8 postings, the manifest moved and its fence");
        // 8 postings, the manifest and its fence, 9 counts and the manifest in a transaction (twice the units), the
        // prefix items of 8 new words (up to five each, read and written)
        assertTrue(publish[0] <= 50 && publish[1] <= 70, "publish: " + publish[0] + " / " + publish[1]);
        assertTrue(edit[0] <= 15 && edit[1] <= 30, "edit: " + edit[0] + " / " + edit[1]);
        assertTrue(edit[1] < publish[1]);
    }
}
