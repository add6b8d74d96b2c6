package dev.skillforge.stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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

    /**
     * Delivers what {@code capture} (and every repository outside it) recorded, then what those deliveries wrote, until
     * nothing new comes; each delivery must succeed whole. The number of deliveries.
     */
    static int deliverUntilQuiet(StreamCapture capture, int maxDeliveries) {
        int deliveries = 0;
        List<ObjectNode> pending = new ArrayList<>(capture.drain());
        pending.addAll(StreamCapture.GLOBAL.drain());
        while (!pending.isEmpty()) {
            assertTrue(++deliveries < maxDeliveries, "the stream settles within " + maxDeliveries + " deliveries");
            assertEquals(List.of(), failures(deliver(pending)));
            pending = new ArrayList<>(capture.drain());
            pending.addAll(StreamCapture.GLOBAL.drain());
        }
        return deliveries;
    }
}
