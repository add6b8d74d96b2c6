package dev.skillforge.data.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.testing.Dynalite;
import dev.skillforge.data.testing.TestTable;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

class BufferedRequestBodiesTest {

    @Test
    void dropsOnlyTheContentLength() {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("http://localhost:8000/"))
                .putHeader("Content-Length", "42").putHeader("X-Amz-Target", "DynamoDB_20120810.GetItem").build();
        SdkHttpRequest modified = new BufferedRequestBodies().modifyHttpRequest(
                InterceptorContext.builder().request(GetItemRequest.builder().build()).httpRequest(request).build(), new ExecutionAttributes());
        assertTrue(modified.firstMatchingHeader("Content-Length").isEmpty());
        assertEquals("DynamoDB_20120810.GetItem", modified.firstMatchingHeader("X-Amz-Target").orElseThrow());
    }

    @Test
    void aLargeBufferedBodyIsSignedSentAndStoredWhole() throws Exception {
        try (Dynalite dynalite = Dynalite.start(Files.createTempDirectory("buffered-bodies"));
                DynamoDbClient client = TestTable.clientFor(dynalite.endpoint())) {
            TestTable.create(client);
            String large = "x".repeat(300_000);
            Map<String, AttributeValue> key = Map.of(TableDesign.PK, AttributeValue.fromS("BODY#1"), TableDesign.SK, AttributeValue.fromS("BODY#1"));
            Map<String, AttributeValue> item = new HashMap<>(key);
            item.put("text", AttributeValue.fromS(large));
            client.putItem(b -> b.tableName(TestTable.NAME).item(item));
            for (int i = 0; i < 3; i++) {
                // read back over the kept-alive connection, without the Content-Length the SDK computed
                assertEquals(large, client.getItem(b -> b.tableName(TestTable.NAME).key(key).consistentRead(true)).item().get("text").s());
            }
        }
    }
}
