package dev.skillforge.local.scale;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.local.LocalCloud;
import dev.skillforge.local.dynamodb.CapacityMeter;
import dev.skillforge.local.gateway.GatewayClient;

/**
 * Sends one request at a time through the local cloud's gateway (the same API Gateway routing, JWT authorizer, Lambda
 * runtime path and functions users reach) and takes what it cost: the client's wall time, and the read and write units
 * the HTTP functions consumed on the DynamoDB endpoint meanwhile (the stream consumers' units are theirs, not the
 * request's, as in CapacityIT). Requests are sequential, so every unit metered between sending and the answer is the
 * request's own.
 */
public final class RouteDriver {

    /** A request: bearer token (null: anonymous), method, path with query, JSON body (null: none). */
    public record Call(String token, String method, String path, String body) {
    }

    /** What came back and what it cost. */
    public record Answer(int status, JsonNode body, long nanos, CapacityMeter.Units units) {
    }

    private final LocalCloud cloud;
    private final GatewayClient gateway;
    private final Predicate<String> httpFunctions;

    public RouteDriver(LocalCloud cloud) {
        this.cloud = cloud;
        this.gateway = new GatewayClient(cloud.baseUri());
        // the meter knows functions by their deployed names (skillforge-dev-stream-aggregates), not the local ones
        Set<String> streamFunctions = new HashSet<>();
        for (StreamConsumer consumer : StreamConsumer.values()) {
            streamFunctions.add(cloud.deployedName(consumer.functionName()));
        }
        this.httpFunctions = name -> !streamFunctions.contains(name);
    }

    public Answer send(Call call) {
        CapacityMeter.Units before = cloud.capacity().total(httpFunctions);
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = gateway.send(call.token(), call.method(), call.path(), call.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(call.method() + " " + call.path() + " failed", e);
        }
        long nanos = System.nanoTime() - started;
        CapacityMeter.Units units = cloud.capacity().total(httpFunctions).minus(before);
        JsonNode body = response.statusCode() == 204 ? null : gateway.read(response.body());
        return new Answer(response.statusCode(), body, nanos, units);
    }

    /** The HTTP functions' units once nothing has been metered for a quiet moment (CapacityMeter#settledTotal). */
    public CapacityMeter.Units settledUnits() {
        return cloud.capacity().settledTotal(httpFunctions);
    }
}
