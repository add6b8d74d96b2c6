package dev.skillforge.courses.faults;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The function with {@link DatabaseFaults} in its DynamoDB client, and shorter call timeouts so the tests are quick. */
public class FaultProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.dynamodb.interceptors", "dev.skillforge.data.observe.DynamoMetricsInterceptor,dev.skillforge.courses.faults.DatabaseFaults",
                "quarkus.dynamodb.api-call-attempt-timeout", "400MS",
                "quarkus.dynamodb.api-call-timeout", "3S");
    }
}
