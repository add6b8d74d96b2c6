package dev.skillforge.local.dynamodb;

import java.net.URI;
import java.net.http.HttpRequest;

/** LOCAL ONLY. A DynamoDB JSON-protocol request to dynalite, which checks that a SigV4 header is well formed, never its signature. */
final class DynamoDbJson {

    static final String TARGET_PREFIX = "DynamoDB_20120810.";

    private DynamoDbJson() {
    }

    static HttpRequest request(URI endpoint, String operation, byte[] body) {
        return HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", TARGET_PREFIX + operation)
                .header("X-Amz-Date", "20260101T000000Z")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=0")
                .build();
    }
}
