package dev.skillforge.data.testing;

import java.net.URI;
import java.util.Map;

import dev.skillforge.data.paging.CursorCodec;
import dev.skillforge.data.table.BufferedRequestBodies;
import dev.skillforge.data.table.DynamoTables;
import dev.skillforge.data.table.SkillForgeTable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** The test table on the running dynalite: created from TableDesign, reset between test classes. */
public final class TestTable {

    public static final String NAME = "skillforge-test";
    public static final String CURSOR_SECRET = "test-only-cursor-secret-0123456789abcdefghijk";
    /** Set by {@link DynaliteResource}; read by code in other class loaders (callbacks, test helpers). */
    public static final String ENDPOINT_PROPERTY = "skillforge-test.dynamodb-endpoint";

    private static DynamoDbClient client;
    private static String clientEndpoint;

    private TestTable() {
    }

    public static synchronized DynamoDbClient client() {
        String endpoint = System.getProperty(ENDPOINT_PROPERTY);
        if (endpoint == null) {
            throw new IllegalStateException("dynalite is not running: annotate the test with @WithTestResource(DynaliteResource.class)");
        }
        if (client == null || !endpoint.equals(clientEndpoint)) {
            client = clientFor(URI.create(endpoint));
            clientEndpoint = endpoint;
        }
        return client;
    }

    public static DynamoDbClient clientFor(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new BufferedRequestBodies()))
                .build();
    }

    /** The repositories' view of the test table, for tests that seed or inspect items directly. */
    public static SkillForgeTable table() {
        return new SkillForgeTable(client(), NAME, CursorCodec.forLists(CURSOR_SECRET));
    }

    public static void create(DynamoDbClient dynamo) {
        dynamo.createTable(DynamoTables.createTableRequest(NAME));
        waitUntilActive(dynamo);
    }

    /** Drops and recreates the table: the cheapest complete reset on dynalite (delays are zero). */
    public static void reset(DynamoDbClient dynamo) {
        try {
            dynamo.deleteTable(b -> b.tableName(NAME));
            for (int i = 0; i < 200; i++) {
                dynamo.describeTable(b -> b.tableName(NAME));
                sleep();
            }
        } catch (ResourceNotFoundException gone) {
            // deleted
        }
        create(dynamo);
    }

    public static Map<String, AttributeValue> get(String pk, String sk) {
        return client().getItem(b -> b.tableName(NAME).key(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk))))
                .item();
    }

    public static Map<String, AttributeValue> clientItem(DynamoDbClient dynamo, String pk, String sk) {
        return dynamo.getItem(b -> b.tableName(NAME).key(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk))))
                .item();
    }

    public static void put(Map<String, AttributeValue> item) {
        client().putItem(b -> b.tableName(NAME).item(item));
    }

    /** Counts items in a partition (test assertions only). */
    public static int countPartition(String pk) {
        return client().query(b -> b.tableName(NAME).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).count();
    }

    private static void waitUntilActive(DynamoDbClient dynamo) {
        for (int i = 0; i < 200; i++) {
            if (dynamo.describeTable(b -> b.tableName(NAME)).table().tableStatus() == TableStatus.ACTIVE) {
                return;
            }
            sleep();
        }
        throw new IllegalStateException("table did not become ACTIVE");
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
