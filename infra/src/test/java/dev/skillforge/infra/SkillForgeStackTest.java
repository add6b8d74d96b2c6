package dev.skillforge.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.skillforge.data.idempotency.IdempotencyKeys;
import dev.skillforge.web.routes.Route;
import dev.skillforge.web.routes.RouteTable;
import dev.skillforge.data.table.IndexDesign;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.table.StreamSubscription;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class SkillForgeStackTest {

    private static final Template DEV_NATIVE = Synth.template("dev", "native");
    private static final Template PROD_SNAPSTART = Synth.template("prod", "jvm-snapstart");

    @Test
    void theTableIsTableDesign() {
        List<Object> indexes = new ArrayList<>();
        for (IndexDesign index : TableDesign.INDEXES) {
            indexes.add(Map.of("IndexName", index.name(),
                    "KeySchema", List.of(Map.of("AttributeName", index.partitionKey(), "KeyType", "HASH"),
                            Map.of("AttributeName", index.sortKey(), "KeyType", "RANGE")),
                    "Projection", Map.of("ProjectionType", index.projection().name())));
        }
        DEV_NATIVE.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "KeySchema", List.of(Map.of("AttributeName", TableDesign.PK, "KeyType", "HASH"),
                        Map.of("AttributeName", TableDesign.SK, "KeyType", "RANGE")),
                "BillingMode", TableDesign.BILLING_MODE,
                "StreamSpecification", Map.of("StreamViewType", TableDesign.STREAM_VIEW_TYPE),
                "TimeToLiveSpecification", Map.of("AttributeName", TableDesign.TTL_ATTRIBUTE, "Enabled", true),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "SSESpecification", Map.of("SSEEnabled", true),
                "GlobalSecondaryIndexes", indexes)));
    }

    @Test
    void prodProtectsItsDataAndDevCanBeTornDown() {
        PROD_SNAPSTART.hasResource("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "DeletionPolicy", "Retain", "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", true)))));
        DEV_NATIVE.hasResource("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "DeletionPolicy", "Delete", "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", false)))));
        PROD_SNAPSTART.hasResource("AWS::S3::Bucket", Match.objectLike(Map.of("DeletionPolicy", "Retain")));
        PROD_SNAPSTART.hasResourceProperties("AWS::Cognito::UserPool", Match.objectLike(Map.of("DeletionProtection", "ACTIVE")));
        PROD_SNAPSTART.hasResourceProperties("AWS::Logs::LogGroup", Match.objectLike(Map.of("RetentionInDays", 90)));
        DEV_NATIVE.hasResourceProperties("AWS::Logs::LogGroup", Match.objectLike(Map.of("RetentionInDays", 7)));
    }

    @Test
    void everyRouteOfTheRouteTableReachesItsFunctionWithTheRightAuthorizer() {
        Map<String, String> functionByLogicalId = new HashMap<>();
        Synth.resources(DEV_NATIVE, "AWS::Lambda::Function").forEach((id, resource) -> {
            String description = (String) Synth.properties(resource).get("Description");
            functionByLogicalId.put(id, description.split(" ")[1]);
        });
        Map<String, String> functionByIntegration = new HashMap<>();
        Synth.resources(DEV_NATIVE, "AWS::ApiGatewayV2::Integration").forEach((id, resource) -> {
            @SuppressWarnings("unchecked")
            List<Object> getAtt = (List<Object>) ((Map<String, Object>) Synth.properties(resource).get("IntegrationUri")).get("Fn::GetAtt");
            functionByIntegration.put(id, functionByLogicalId.get((String) getAtt.get(0)));
        });

        Map<String, String> wired = new TreeMap<>();
        Synth.resources(DEV_NATIVE, "AWS::ApiGatewayV2::Route").forEach((id, resource) -> {
            Map<String, Object> route = Synth.properties(resource);
            String target = route.get("Target").toString();
            String integration = functionByIntegration.keySet().stream().filter(target::contains).findFirst().orElseThrow();
            wired.put((String) route.get("RouteKey"), functionByIntegration.get(integration) + " " + route.get("AuthorizationType"));
        });

        Map<String, String> expected = new TreeMap<>();
        for (Route route : RouteTable.SERVED) {
            expected.put(route.routeKey(), route.function() + " " + (route.access() == Route.Access.TOKEN ? "JWT" : "NONE"));
        }
        expected.put("$default", RouteTable.UNMATCHED + " NONE");
        assertEquals(expected, wired);
        DEV_NATIVE.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Match.objectLike(Map.of(
                "AuthorizerType", "JWT", "IdentitySource", List.of("$request.header.Authorization"))));
    }

    @Test
    void theStageThrottlesWritesHarderAndLogsJson() {
        Map<String, Object> writeLimit = Map.of("ThrottlingRateLimit", HttpApiRoutes.WRITE_RATE_LIMIT,
                "ThrottlingBurstLimit", HttpApiRoutes.WRITE_BURST_LIMIT);
        Map<String, Object> routeSettings = new HashMap<>();
        RouteTable.SERVED.stream().filter(HttpApiRoutes::isWrite)
                .forEach(route -> routeSettings.put(route.routeKey(), writeLimit));
        DEV_NATIVE.hasResourceProperties("AWS::ApiGatewayV2::Stage", Match.objectLike(Map.of(
                "DefaultRouteSettings", Match.objectLike(Map.of("ThrottlingRateLimit", HttpApiRoutes.RATE_LIMIT,
                        "ThrottlingBurstLimit", HttpApiRoutes.BURST_LIMIT)),
                "RouteSettings", routeSettings,
                "AccessLogSettings", Match.objectLike(Map.of("Format", Match.stringLikeRegexp("^\\{\"requestId\".*\\}$"))))));
        DEV_NATIVE.hasResourceProperties("AWS::ApiGatewayV2::Api", Match.objectLike(Map.of(
                "CorsConfiguration", Match.objectLike(Map.of("AllowOrigins", List.of("http://localhost:5173"),
                        "ExposeHeaders", Match.arrayWith(List.of("etag")))))));
    }

    @Test
    void everyGetHasItsHeadTwinAndEverythingElseReachesTheDefaultRoute() {
        Map<String, Map<String, Object>> byKey = new TreeMap<>();
        Synth.resources(DEV_NATIVE, "AWS::ApiGatewayV2::Route").values()
                .forEach(route -> byKey.put((String) Synth.properties(route).get("RouteKey"), Synth.properties(route)));
        for (Route get : RouteTable.ALL.stream().filter(route -> route.method().equals("GET")).toList()) {
            Map<String, Object> head = byKey.get("HEAD " + get.path());
            assertNotNull(head, "no HEAD route for " + get.routeKey());
            Map<String, Object> twin = byKey.get(get.routeKey());
            // The same integration and the same authorizer: HEAD is refused or served exactly as its GET.
            assertEquals(twin.get("Target"), head.get("Target"), get.routeKey());
            assertEquals(twin.get("AuthorizationType"), head.get("AuthorizationType"), get.routeKey());
            assertEquals(twin.get("AuthorizerId"), head.get("AuthorizerId"), get.routeKey());
        }
        assertEquals(RouteTable.ALL.size() + RouteTable.ALL.stream().filter(route -> route.method().equals("GET")).count() + 1,
                byKey.size(), "the table's rows, a HEAD per GET, and $default: nothing hand-written beside them");
        Map<String, Object> unmatched = byKey.get("$default");
        assertNotNull(unmatched, "without a $default route API Gateway answers unknown routes with its own {\"message\":\"Not Found\"}");
        assertEquals("NONE", unmatched.get("AuthorizationType"));
        assertEquals(byKey.get(RouteTable.of(RouteTable.UNMATCHED).get(0).routeKey()).get("Target"), unmatched.get("Target"),
                "$default goes to " + RouteTable.UNMATCHED);
    }

    @Test
    void corsAllowsEveryMethodTheRoutesServeAndExposesTheContractsHeaders() {
        DEV_NATIVE.hasResourceProperties("AWS::ApiGatewayV2::Api", Match.objectLike(Map.of(
                "CorsConfiguration", Match.objectLike(Map.of(
                        "AllowMethods", List.of("GET", "HEAD", "POST", "PUT", "DELETE"),
                        "ExposeHeaders", Match.arrayWith(List.of("allow", "etag", "location")),
                        "MaxAge", 3600)))));
    }

    @Test
    void cachingHeadersPassThroughUnchanged() {
        // The functions' Cache-Control, ETag and Vary reach the client as they are: no integration rewrites responses.
        Synth.resources(DEV_NATIVE, "AWS::ApiGatewayV2::Integration").forEach((id, integration) -> {
            assertEquals(null, Synth.properties(integration).get("ResponseParameters"), id);
            assertEquals("2.0", Synth.properties(integration).get("PayloadFormatVersion"), id);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "native", "jvm-snapstart", "jvm-aot" })
    void noIamStatementUsesAWildcardAction(String mode) {
        Template template = Synth.template("prod", mode);
        List<String> wildcards = new ArrayList<>();
        Synth.resources(template, "AWS::IAM::Policy").forEach((id, policy) -> actions(policy).stream()
                .filter(action -> action.contains("*")).forEach(action -> wildcards.add(id + ": " + action)));
        assertTrue(wildcards.isEmpty(), "wildcard actions: " + wildcards);
    }

    @Test
    void eachFunctionMayDoOnlyWhatItsRepositoriesDo() {
        Map<String, Set<String>> actionsByFunction = new TreeMap<>();
        Map<String, String> roleOfFunction = new HashMap<>();
        Synth.resources(DEV_NATIVE, "AWS::Lambda::Function").forEach((id, resource) -> {
            Map<String, Object> properties = Synth.properties(resource);
            @SuppressWarnings("unchecked")
            List<Object> role = (List<Object>) ((Map<String, Object>) properties.get("Role")).get("Fn::GetAtt");
            roleOfFunction.put((String) role.get(0), ((String) properties.get("Description")).split(" ")[1]);
        });
        Synth.resources(DEV_NATIVE, "AWS::IAM::Policy").forEach((id, policy) -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> roles = (List<Map<String, Object>>) Synth.properties(policy).get("Roles");
            String function = roleOfFunction.get((String) roles.get(0).get("Ref"));
            if (function != null) {
                actionsByFunction.computeIfAbsent(function, f -> new TreeSet<>()).addAll(actions(policy));
            }
        });
        assertEquals(Set.copyOf(Synth.functions()), actionsByFunction.keySet());
        actionsByFunction.forEach((function, actions) -> {
            assertTrue(actions.containsAll(FunctionAccess.BY_FUNCTION.get(function).actions()), function + ": " + actions);
            boolean consumer = function.equals(StreamConsumer.AGGREGATES.functionName()) || function.equals(StreamConsumer.RECORDS.functionName());
            boolean readsStream = actions.contains("dynamodb:GetRecords");
            assertEquals(consumer, readsStream, function + " stream access");
            assertEquals(function.equals(StreamConsumer.AGGREGATES.functionName()), actions.contains("dynamodb:Scan"), function + " scan");
            // counters (the rebuild's correction), lesson rules (publish checks the outline, a last lesson's delete the course)
            // and a new review's check of its author's enrollment
            assertEquals(function.equals(StreamConsumer.AGGREGATES.functionName()) || function.equals(RouteTable.COURSES)
                    || function.equals(RouteTable.REVIEWS),
                    actions.contains("dynamodb:ConditionCheckItem"), function + " condition checks in transactions");
            // Uploads: course media by courses-service, avatars by enrollments-service (MediaDeliveryTest checks the prefixes);
            // deletes only by the records consumer (the cascade and erasure).
            assertEquals(function.equals(RouteTable.COURSES) || function.equals(RouteTable.ENROLLMENTS), actions.contains("s3:PutObject"),
                    function + " assets");
            assertEquals(function.equals(StreamConsumer.RECORDS.functionName()), actions.contains("s3:DeleteObject"), function + " assets");
        });
        // Every HTTP function claims, stores and releases Idempotency-Key items.
        for (String function : List.of(RouteTable.COURSES, RouteTable.ENROLLMENTS, RouteTable.PROGRESS, RouteTable.REVIEWS)) {
            assertTrue(actionsByFunction.get(function).containsAll(List.of("dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem")), function + " idempotency keys");
        }
    }

    @Test
    void anIdempotencyClaimOutlivesEveryHttpFunctionsTimeout() {
        // A claim older than its lease is taken over as abandoned: the request holding it must have been cut off by then.
        Synth.resources(DEV_NATIVE, "AWS::Lambda::Function").forEach((id, resource) -> {
            Map<String, Object> properties = Synth.properties(resource);
            String function = ((String) properties.get("Description")).split(" ")[1];
            if (RouteTable.ALL.stream().anyMatch(route -> route.function().equals(function))) {
                long timeout = ((Number) properties.get("Timeout")).longValue();
                assertTrue(IdempotencyKeys.LEASE.toSeconds() > timeout, function + ": lease " + IdempotencyKeys.LEASE + ", timeout " + timeout);
            }
        });
    }

    @Test
    void theStreamIsConsumedTwiceAsStreamSubscriptionSaysEachConsumerWithItsOwnFailureQueue() {
        DEV_NATIVE.resourceCountIs("AWS::Lambda::EventSourceMapping", StreamConsumer.values().length);
        DEV_NATIVE.resourceCountIs("AWS::SQS::Queue", StreamConsumer.values().length);
        Set<Object> destinations = new java.util.HashSet<>();
        Synth.resources(DEV_NATIVE, "AWS::Lambda::EventSourceMapping").forEach((id, mapping) -> destinations.add(
                Synth.properties(mapping).get("DestinationConfig")));
        assertEquals(StreamConsumer.values().length, destinations.size(), "each mapping fails to its own queue");
        for (StreamConsumer consumer : StreamConsumer.values()) {
            DEV_NATIVE.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "FunctionName", "skillforge-dev-" + consumer.functionName(),
                    "Environment", Map.of("Variables", Match.objectLike(Map.of("SKILLFORGE_STREAM_CONSUMERS", consumer.id()))))));
        }
        DEV_NATIVE.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "BatchSize", StreamSubscription.BATCH_SIZE,
                "MaximumBatchingWindowInSeconds", (int) StreamSubscription.MAX_BATCHING_WINDOW.toSeconds(),
                "BisectBatchOnFunctionError", StreamSubscription.BISECT_ON_ERROR,
                "MaximumRetryAttempts", StreamSubscription.RETRY_ATTEMPTS,
                "MaximumRecordAgeInSeconds", Match.absent(),
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "StartingPosition", "TRIM_HORIZON",
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination", Match.anyValue())))));
    }

    @Test
    void alarmsCoverFunctionsStreamQueueAndApi() {
        int functions = Synth.functions().size();
        // Per function errors, throttles, p99; per stream consumer iterator age, failure queue, failed records; the API's
        // 5xx rate; stalled cascades; read and write throttles of the table and each index.
        DEV_NATIVE.resourceCountIs("AWS::CloudWatch::Alarm", functions * 3 + 3 * StreamConsumer.values().length + 2
                + 2 * (1 + TableDesign.INDEXES.size()));
        Synth.resources(DEV_NATIVE, "AWS::CloudWatch::Alarm").forEach((id, alarm) ->
                assertNotNull(Synth.properties(alarm).get("AlarmActions"), id + " notifies the topic"));
        DEV_NATIVE.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "IteratorAge", "Namespace", "AWS/Lambda")));
        DEV_NATIVE.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible")));
        DEV_NATIVE.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "skillforge-dev-api-5xx-rate")));
        DEV_NATIVE.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        DEV_NATIVE.resourceCountIs("AWS::SNS::Topic", 1);
    }

    @Test
    void onlyRecordsOfItemsAConsumerActsOnInvokeIt() {
        for (StreamConsumer consumer : StreamConsumer.values()) {
            List<Object> filters = new ArrayList<>();
            consumer.filterPatterns().forEach(pattern -> filters.add(Map.of("Pattern", pattern)));
            DEV_NATIVE.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                    "FilterCriteria", Map.of("Filters", filters))));
            assertEquals(2, filters.size(), "one pattern on the new image, one on the old");
        }
    }

    @Test
    void failedStreamRecordsAlarmOnEachConsumersOwnMetric() {
        for (StreamConsumer consumer : StreamConsumer.values()) {
            DEV_NATIVE.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "AlarmName", "skillforge-dev-" + consumer.functionName() + "-records-failed",
                    "Namespace", "SkillForge",
                    "MetricName", "RecordsFailed",
                    "Dimensions", List.of(Map.of("Name", "service", "Value", consumer.functionName())),
                    "Statistic", "Sum",
                    "Threshold", 1,
                    "EvaluationPeriods", 2,
                    "AlarmActions", Match.anyValue())));
        }
        DEV_NATIVE.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "skillforge-dev-cascades-stalled", "MetricName", "CascadesStalled")));
    }

    @Test
    void throttlingOfTheTableAndOfEachIndexAlarms() {
        List<String> resources = new ArrayList<>(List.of("table"));
        TableDesign.INDEXES.forEach(index -> resources.add(index.name()));
        for (String resource : resources) {
            for (String kind : List.of("Read", "Write")) {
                Map<String, Object> table = Map.of("Name", "TableName", "Value", Match.anyValue());
                Object dimensions = resource.equals("table") ? List.of(table)
                        : List.of(Map.of("Name", "GlobalSecondaryIndexName", "Value", resource), table);
                DEV_NATIVE.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                        "AlarmName", "skillforge-dev-" + resource + "-" + kind.toLowerCase() + "-throttles",
                        "Namespace", "AWS/DynamoDB",
                        "MetricName", kind + "ThrottleEvents",
                        "Dimensions", dimensions,
                        "Statistic", "Sum",
                        "TreatMissingData", "notBreaching",
                        "AlarmActions", Match.anyValue())));
            }
        }
    }

    @Test
    void theStreamIteratorAgeAlarms() {
        DEV_NATIVE.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "skillforge-dev-" + StreamConsumer.AGGREGATES.functionName() + "-iterator-age",
                "Namespace", "AWS/Lambda",
                "MetricName", "IteratorAge",
                "Statistic", "Maximum",
                "Threshold", 60_000)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "native", "jvm-snapstart", "jvm-aot" })
    void noFunctionIsTracedOrMayWriteTraces(String mode) {
        Template template = Synth.template("dev", mode);
        Synth.resources(template, "AWS::Lambda::Function").forEach((id, function) ->
                assertEquals(null, Synth.properties(function).get("TracingConfig"), id));
        Synth.resources(template, "AWS::IAM::Policy").forEach((id, policy) ->
                assertTrue(actions(policy).stream().noneMatch(action -> action.startsWith("xray:")), id + ": " + actions(policy)));
    }

    @Test
    void cognitoHasTheThreeRolesAndTheFunctionsTrustIt() {
        DEV_NATIVE.resourceCountIs("AWS::Cognito::UserPoolGroup", 3);
        for (String group : SkillForgeStack.GROUPS) {
            DEV_NATIVE.hasResourceProperties("AWS::Cognito::UserPoolGroup", Match.objectLike(Map.of("GroupName", group)));
        }
        DEV_NATIVE.hasResourceProperties("AWS::Cognito::UserPoolClient", Match.objectLike(Map.of("GenerateSecret", false)));
        DEV_NATIVE.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Description", "SkillForge courses-service (native)",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "MP_JWT_VERIFY_ISSUER", Match.anyValue(),
                        "MP_JWT_VERIFY_PUBLICKEY_LOCATION", Match.anyValue(),
                        // The app client, for ID tokens' aud and access tokens' client_id; not an audience for smallrye-jwt.
                        "SKILLFORGE_AUTH_CLIENT_ID", Map.of("Ref", Match.stringLikeRegexp("UsersWebClient.*")),
                        "MP_JWT_VERIFY_AUDIENCES", Match.absent(),
                        "SKILLFORGE_TABLE_NAME", Match.anyValue(),
                        "SKILLFORGE_ASSETS_BUCKET", Match.anyValue(),
                        "STAGE", "dev"))))));
        DEV_NATIVE.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Description", "SkillForge " + StreamConsumer.RECORDS.functionName() + " (native)",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "MP_JWT_VERIFY_ISSUER", Match.absent(),
                        "SKILLFORGE_AUTH_CLIENT_ID", Match.absent()))))));
    }

    /** Only enrollments-service (the admin user routes) may call Cognito's admin actions, only those it uses, only on this pool. */
    @Test
    @SuppressWarnings("unchecked")
    void onlyEnrollmentsMayManageUsersAndOnlyInTheStacksUserPool() {
        Map<String, String> functionOfRole = new HashMap<>();
        Synth.resources(DEV_NATIVE, "AWS::Lambda::Function").forEach((id, resource) -> {
            Map<String, Object> properties = Synth.properties(resource);
            List<Object> role = (List<Object>) ((Map<String, Object>) properties.get("Role")).get("Fn::GetAtt");
            functionOfRole.put((String) role.get(0), ((String) properties.get("Description")).split(" ")[1]);
        });
        String pool = Synth.resources(DEV_NATIVE, "AWS::Cognito::UserPool").keySet().iterator().next();
        List<String> granted = new ArrayList<>();
        Synth.resources(DEV_NATIVE, "AWS::IAM::Policy").forEach((id, policy) -> {
            String function = functionOfRole.get((String) ((List<Map<String, Object>>) Synth.properties(policy).get("Roles")).get(0).get("Ref"));
            Map<String, Object> document = (Map<String, Object>) Synth.properties(policy).get("PolicyDocument");
            for (Map<String, Object> statement : (List<Map<String, Object>>) document.get("Statement")) {
                Object action = statement.get("Action");
                List<String> actions = action instanceof String single ? List.of(single) : (List<String>) action;
                if (actions.stream().noneMatch(each -> each.startsWith("cognito-idp:"))) {
                    continue;
                }
                assertEquals(RouteTable.ENROLLMENTS, function, "cognito-idp actions granted to " + function);
                assertEquals(SkillForgeStack.USER_ADMIN_ACTIONS, actions);
                assertEquals(Map.of("Fn::GetAtt", List.of(pool, "Arn")), statement.get("Resource"), "only the stack's user pool");
                assertEquals("Allow", statement.get("Effect"));
                granted.addAll(actions);
            }
        });
        assertEquals(SkillForgeStack.USER_ADMIN_ACTIONS, granted);
        DEV_NATIVE.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Description", "SkillForge " + RouteTable.ENROLLMENTS + " (native)",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("SKILLFORGE_USERS_POOL_ID", Map.of("Ref", pool)))))));
        DEV_NATIVE.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Description", "SkillForge " + RouteTable.COURSES + " (native)",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("SKILLFORGE_USERS_POOL_ID", Match.absent()))))));
    }

    /** The cursor secret is generated per stage and resolved by CloudFormation at deploy time: the template holds a reference. */
    @Test
    void theCursorSecretReachesEveryFunctionAsADeployTimeReferenceNeverAsText() {
        for (Template template : List.of(DEV_NATIVE, PROD_SNAPSTART)) {
            template.hasResourceProperties("AWS::SecretsManager::Secret", Match.objectLike(Map.of(
                    "GenerateSecretString", Match.objectLike(Map.of("PasswordLength", 48, "ExcludePunctuation", true)))));
            Synth.resources(template, "AWS::Lambda::Function").forEach((id, function) -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) Synth.properties(function).get("Environment"))
                        .get("Variables");
                assertFalse(variables.containsKey("SKILLFORGE_CURSOR_SIGNING_KEY"), id);
                String secret = String.valueOf(variables.get("SKILLFORGE_CURSOR_SECRET"));
                assertTrue(secret.contains("{{resolve:secretsmanager:") && secret.contains("Ref=CursorSecret"), id + ": " + secret);
            });
        }
        PROD_SNAPSTART.hasResource("AWS::SecretsManager::Secret", Match.objectLike(Map.of("DeletionPolicy", "Retain")));
    }

    @Test
    void aSavedJwksIsGivenToTheFunctionsInsteadOfItsUrl() throws Exception {
        java.nio.file.Path jwks = java.nio.file.Files.createTempFile("jwks", ".json");
        java.nio.file.Files.writeString(jwks, "{\"keys\":[]}");
        Template template = Synth.template("dev", "native", jwks.toString());
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Description", "SkillForge reviews-service (native)",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "MP_JWT_VERIFY_PUBLICKEY", "{\"keys\":[]}",
                        "MP_JWT_VERIFY_PUBLICKEY_LOCATION", Match.absent()))))));
    }

    @Test
    void assetsArePrivateEncryptedAndCleanedUp() {
        DEV_NATIVE.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "BucketEncryption", Match.anyValue(),
                "LifecycleConfiguration", Map.of("Rules", List.of(Match.objectLike(Map.of(
                        "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1))))))));
    }

    /** Browser uploads: the presigned PUT signs its type, length and If-None-Match: *, so the browser must be allowed to send them. */
    @Test
    void theWebOriginMayUploadWithTheHeadersAPresignedPutSigns() {
        Map<String, String> webOrigins = Map.of("dev", "http://localhost:5173", "prod", "https://app.skillforge.example");
        for (Map.Entry<String, Template> stage : Map.of("dev", DEV_NATIVE, "prod", PROD_SNAPSTART).entrySet()) {
            Map<String, Object> bucket = Synth.properties(Synth.resources(stage.getValue(), "AWS::S3::Bucket").values().iterator().next());
            assertEquals(Map.of("CorsRules", List.of(Map.of(
                    "AllowedMethods", List.of("PUT"),
                    "AllowedOrigins", List.of(webOrigins.get(stage.getKey())),
                    "AllowedHeaders", List.of("content-type", "content-length", "if-none-match"),
                    "MaxAge", 3000))), bucket.get("CorsConfiguration"), stage.getKey());
        }
    }

    /**
     * Prod's bucket is versioned, so the stream processor's DeleteObject only adds a delete marker: the bytes of replaced
     * and erased media must still go (a week later), and then the bare marker. Dev is not versioned: a delete deletes.
     */
    @Test
    @SuppressWarnings("unchecked")
    void deletedMediaLeavesAVersionedProdBucketAfterAWeekAndDevAtOnce() {
        Map<String, Object> abandoned = Map.of("Id", "abandoned-uploads", "Status", "Enabled",
                "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1));
        Map<String, Object> prod = Synth.properties(Synth.resources(PROD_SNAPSTART, "AWS::S3::Bucket").values().iterator().next());
        assertEquals(Map.of("Status", "Enabled"), prod.get("VersioningConfiguration"));
        assertEquals(Map.of("Rules", List.of(abandoned, Map.of("Id", "deleted-media", "Status", "Enabled",
                "NoncurrentVersionExpiration", Map.of("NoncurrentDays", SkillForgeStack.NONCURRENT_MEDIA_DAYS),
                "ExpiredObjectDeleteMarker", true))), prod.get("LifecycleConfiguration"));
        assertEquals(7, SkillForgeStack.NONCURRENT_MEDIA_DAYS);

        Map<String, Object> dev = Synth.properties(Synth.resources(DEV_NATIVE, "AWS::S3::Bucket").values().iterator().next());
        assertEquals(null, dev.get("VersioningConfiguration"), "unversioned: DeleteObject removes the bytes");
        assertEquals(Map.of("Rules", List.of(abandoned)), dev.get("LifecycleConfiguration"));
    }

    @Test
    void eachModeDeploysItsRuntime() {
        PROD_SNAPSTART.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Runtime", "java21", "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "Handler", ServiceFunction.JVM_HANDLER)));
        PROD_SNAPSTART.resourceCountIs("AWS::Lambda::Alias", Synth.functions().size());
        DEV_NATIVE.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of("Runtime", "provided.al2023")));
        DEV_NATIVE.resourceCountIs("AWS::Lambda::Alias", 0);
        Synth.template("dev", "jvm-aot").hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Runtime", "provided.al2023", "MemorySize", 512)));
    }

    @Test
    void aPackageOfTheWrongKindIsRefusedAtSynth() throws Exception {
        Path artifacts = Files.createTempDirectory("skillforge-packages");
        Path zip = artifacts.resolve("courses-service/target/function.zip");
        Files.createDirectories(zip.getParent());
        Synth.writeZip(zip, List.of("lib/courses.jar", "courses-runner.jar"));
        IllegalArgumentException jvmAsNative = assertThrows(IllegalArgumentException.class,
                () -> DeploySettings.of("dev", "native", artifacts.toString(), null).packageOf("courses-service"));
        assertTrue(jvmAsNative.getMessage().contains("-Dnative"), jvmAsNative.getMessage());
        Synth.writeZip(zip, List.of("bootstrap"));
        assertEquals(zip, DeploySettings.of("dev", "native", artifacts.toString(), null).packageOf("courses-service"));
        assertThrows(IllegalArgumentException.class,
                () -> DeploySettings.of("dev", "jvm-snapstart", artifacts.toString(), null).packageOf("courses-service"));
    }

    @Test
    void nativeIsTheDefaultMode() {
        // Verified natively end to end (./mvnw verify -Dnative) and the fastest start measured: docs/performance.md.
        assertEquals(DeploySettings.DeployMode.NATIVE, DeploySettings.of("prod", null, ".", null).mode());
        Synth.template("dev", null).hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Runtime", "provided.al2023", "Handler", "bootstrap", "MemorySize", 256)));
    }

    @SuppressWarnings("unchecked")
    private static List<String> actions(Map<String, Object> policy) {
        Map<String, Object> document = (Map<String, Object>) Synth.properties(policy).get("PolicyDocument");
        List<String> actions = new ArrayList<>();
        for (Map<String, Object> statement : (List<Map<String, Object>>) document.get("Statement")) {
            Object action = statement.get("Action");
            if (action instanceof String single) {
                actions.add(single);
            } else {
                actions.addAll((List<String>) action);
            }
        }
        return actions;
    }
}
