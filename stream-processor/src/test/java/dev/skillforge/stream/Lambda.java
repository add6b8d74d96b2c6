package dev.skillforge.stream;

import static io.restassured.RestAssured.given;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.testing.StreamCapture;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Invokes the stream-processor through the Lambda extension's mock event server, as the event source mapping would. */
final class Lambda {

    private Lambda() {
    }

    static Response invoke(Object event) {
        return given().contentType(ContentType.JSON).body(event.toString()).post("/_lambda_");
    }

    static Response deliver(List<ObjectNode> records) {
        return invoke(StreamCapture.event(records));
    }

    /** The sequence numbers the function reported as failed. */
    static List<String> failures(Response response) {
        response.then().statusCode(200);
        List<String> failed = response.jsonPath().getList("batchItemFailures.itemIdentifier", String.class);
        return failed == null ? List.of() : failed;
    }
}
