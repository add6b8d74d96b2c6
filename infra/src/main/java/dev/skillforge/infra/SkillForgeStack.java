package dev.skillforge.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.skillforge.web.routes.RouteTable;
import dev.skillforge.data.table.IndexDesign;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.table.StreamSubscription;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * SkillForge for one stage: the table (from {@link TableDesign}), the Cognito user pool, the assets bucket and the
 * CloudFront distribution serving it ({@link MediaDelivery}), one function per service plus the stream-processor, the HTTP API (from {@link RouteTable}), the stream's event
 * source mapping (from {@link StreamSubscription}) and the alarms and dashboard.
 */
public final class SkillForgeStack extends Stack {

    static final String STREAM_PROCESSOR = "stream-processor";
    static final List<String> GROUPS = List.of("admin", "instructor", "student");
    /** The Cognito admin actions UserDirectory calls, and nothing more. */
    static final List<String> USER_ADMIN_ACTIONS = List.of("cognito-idp:AdminGetUser", "cognito-idp:AdminListGroupsForUser",
            "cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminRemoveUserFromGroup", "cognito-idp:AdminDisableUser",
            "cognito-idp:AdminEnableUser", "cognito-idp:AdminUserGlobalSignOut", "cognito-idp:AdminDeleteUser",
            "cognito-idp:ListUsersInGroup");
    /** The request headers a browser's presigned upload sends beyond the CORS-safelisted ones. */
    static final List<String> UPLOAD_HEADERS = List.of("content-type", "content-length", "if-none-match");
    /** How long prod keeps the bytes of a deleted or replaced object (a noncurrent version). */
    static final int NONCURRENT_MEDIA_DAYS = 7;

    public SkillForgeStack(Construct scope, String id, StackProps props, DeploySettings settings) {
        super(scope, id, props);
        Tags.of(this).add("project", "skillforge");
        Tags.of(this).add("stage", settings.stage().id());
        boolean prod = settings.stage().isProd();
        RemovalPolicy keepInProd = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

        Table table = table(prod, keepInProd);
        UserPool users = UserPool.Builder.create(this, "Users")
                .userPoolName("skillforge-" + settings.stage().id())
                .selfSignUpEnabled(true)
                .signInAliases(SignInAliases.builder().email(true).build())
                .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                .passwordPolicy(PasswordPolicy.builder().minLength(12).requireDigits(true).requireLowercase(true)
                        .requireUppercase(true).requireSymbols(false).build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                .deletionProtection(prod)
                .removalPolicy(keepInProd)
                .build();
        // Roles are Cognito groups; ID tokens carry them in cognito:groups, which the functions read.
        for (String group : GROUPS) {
            CfnUserPoolGroup.Builder.create(this, "Group-" + group).userPoolId(users.getUserPoolId()).groupName(group)
                    .description("SkillForge " + group + "s").build();
        }
        UserPoolClient webClient = users.addClient("WebClient", UserPoolClientOptions.builder()
                .authFlows(AuthFlow.builder().userSrp(true).build())
                .generateSecret(false)
                .preventUserExistenceErrors(true)
                .idTokenValidity(Duration.hours(1))
                .build());
        String issuer = users.getUserPoolProviderUrl();

        List<LifecycleRule> lifecycle = new ArrayList<>();
        // Presigned uploads that never complete leave multipart parts behind: abort them after a day.
        lifecycle.add(LifecycleRule.builder().id("abandoned-uploads").abortIncompleteMultipartUploadAfter(Duration.days(1)).build());
        if (prod) {
            // Versioned, a DeleteObject (replaced or removed media, a deleted course, an erased user) only adds a delete
            // marker: the bytes go a week later (the window to recover a mistaken delete), then the bare marker.
            lifecycle.add(LifecycleRule.builder().id("deleted-media")
                    .noncurrentVersionExpiration(Duration.days(NONCURRENT_MEDIA_DAYS)).expiredObjectDeleteMarker(true).build());
        }
        Bucket assets = Bucket.Builder.create(this, "Assets")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .versioned(prod)
                // Browser uploads: the presigned PUT signs its type, length and If-None-Match: * (a grant's URL cannot
                // overwrite the object once uploaded), so the browser must be allowed to send those headers.
                .cors(List.of(CorsRule.builder().allowedMethods(List.of(HttpMethods.PUT)).allowedOrigins(List.of(settings.webOrigin()))
                        .allowedHeaders(UPLOAD_HEADERS).maxAge(3000).build()))
                .lifecycleRules(lifecycle)
                .removalPolicy(keepInProd)
                .build();

        // Cursor secret: generated once per stage, resolved by CloudFormation at deploy time (the template holds only a
        // dynamic reference, never the value). The functions derive the cursor keys from it (HKDF, AES-256-GCM).
        Secret cursorSecret = Secret.Builder.create(this, "CursorSecret")
                .description("Secret the SkillForge pagination cursor keys are derived from")
                .generateSecretString(SecretStringGenerator.builder().passwordLength(48).excludePunctuation(true).build())
                .removalPolicy(keepInProd)
                .build();

        MediaDelivery media = new MediaDelivery(this, "Media", assets, settings);

        Map<String, String> shared = new LinkedHashMap<>();
        shared.put("SKILLFORGE_TABLE_NAME", table.getTableName());
        shared.put("SKILLFORGE_CURSOR_SECRET", cursorSecret.getSecretValue().unsafeUnwrap());
        shared.put("STAGE", settings.stage().id());
        shared.put("QUARKUS_LOG_LEVEL", "INFO");
        // Our own code logs at DEBUG in dev; the framework and the SDK stay at INFO everywhere.
        shared.put("QUARKUS_LOG_CATEGORY__DEV_SKILLFORGE__LEVEL", prod ? "INFO" : "DEBUG");
        shared.put("MP_JWT_VERIFY_ISSUER", issuer);
        if (settings.jwksFile() != null) {
            // Keys in the configuration: the first token is verified without a network round trip at cold start.
            shared.put("MP_JWT_VERIFY_PUBLICKEY", readJwks(settings.jwksFile()));
        } else {
            shared.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", issuer + "/.well-known/jwks.json");
        }
        // The app client: ID tokens name it in aud, access tokens in client_id (the functions accept both, as the
        // authorizer does), so it is not smallrye-jwt's audience setting.
        shared.put("SKILLFORGE_AUTH_CLIENT_ID", webClient.getUserPoolClientId());

        Map<String, ServiceFunction> functions = new LinkedHashMap<>();
        for (String name : RouteTable.ALL.stream().map(route -> route.function()).distinct().toList()) {
            Map<String, String> environment = new LinkedHashMap<>(shared);
            // Media: courses-service grants uploads and signs lesson file URLs, enrollments-service grants avatar
            // uploads; they and reviews-service turn cover and avatar keys into public URLs.
            if (name.equals(RouteTable.COURSES) || name.equals(RouteTable.ENROLLMENTS)) {
                environment.put("SKILLFORGE_ASSETS_BUCKET", assets.getBucketName());
            }
            if (name.equals(RouteTable.COURSES) || name.equals(RouteTable.ENROLLMENTS) || name.equals(RouteTable.REVIEWS)) {
                environment.put("SKILLFORGE_MEDIA_PUBLIC_BASE_URL", media.publicBaseUrl());
            }
            if (name.equals(RouteTable.COURSES)) {
                environment.put("SKILLFORGE_MEDIA_KEY_PAIR_ID", media.keyPairId());
                // A dynamic reference, like the cursor secret: CloudFormation puts the PEM in at deploy time, so the
                // function signs without calling Secrets Manager and needs no permission on it.
                environment.put("SKILLFORGE_MEDIA_SIGNING_KEY", media.signingKeyReference());
            }
            if (name.equals(RouteTable.ENROLLMENTS)) {
                environment.put("SKILLFORGE_USERS_POOL_ID", users.getUserPoolId());
            }
            functions.put(name, new ServiceFunction(this, name, settings, environment, Duration.seconds(15), table));
        }
        // Presigning a PUT needs the signer to hold s3:PutObject on the keys it signs for; attaching a key checks the
        // object with one ranged GET of its first 12 bytes (type, size and magic bytes), which is s3:GetObject. Each
        // service only under its own prefix.
        functions.get(RouteTable.COURSES).function().addToRolePolicy(PolicyStatement.Builder.create()
                .sid("UploadAndCheckCourseMedia").actions(List.of("s3:PutObject", "s3:GetObject"))
                .resources(List.of(assets.arnForObjects("courses/*"))).build());
        functions.get(RouteTable.ENROLLMENTS).function().addToRolePolicy(PolicyStatement.Builder.create()
                .sid("UploadAndCheckAvatars").actions(List.of("s3:PutObject", "s3:GetObject"))
                .resources(List.of(assets.arnForObjects("users/*"))).build());

        // The admin user routes: only enrollments-service may change users, and only in this stack's pool.
        functions.get(RouteTable.ENROLLMENTS).function().addToRolePolicy(PolicyStatement.Builder.create()
                .sid("ManageUsers").actions(USER_ADMIN_ACTIONS).resources(List.of(users.getUserPoolArn())).build());

        Map<String, String> streamEnvironment = new LinkedHashMap<>(shared);
        List.of("MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_PUBLICKEY", "SKILLFORGE_AUTH_CLIENT_ID")
                .forEach(streamEnvironment::remove);
        // Two consumers of the stream, one failure domain each (StreamConsumer): the same package, each function with its
        // own event source mapping, filter, retries, on-failure queue and alarms.
        Map<StreamConsumer, StreamConsumerResources> consumers = new LinkedHashMap<>();
        for (StreamConsumer consumer : StreamConsumer.values()) {
            Map<String, String> environment = new LinkedHashMap<>(streamEnvironment);
            environment.put("SKILLFORGE_STREAM_CONSUMERS", consumer.id());
            if (consumer == StreamConsumer.RECORDS) {
                // The course cascade and account erasure run here: they delete a course's and a user's objects.
                environment.put("SKILLFORGE_ASSETS_BUCKET", assets.getBucketName());
            }
            ServiceFunction function = new ServiceFunction(this, consumer.functionName(), STREAM_PROCESSOR, settings, environment,
                    Duration.seconds(60), table);
            Queue failures = Queue.Builder.create(this, "StreamFailures-" + consumer.id())
                    .retentionPeriod(Duration.days(14))
                    .encryption(QueueEncryption.SQS_MANAGED)
                    .enforceSsl(true)
                    .build();
            // Only the consumers read the stream (the event source grants each the stream read actions).
            function.target().addEventSource(DynamoEventSource.Builder.create(table)
                    .startingPosition(StartingPosition.TRIM_HORIZON)
                    .batchSize(StreamSubscription.BATCH_SIZE)
                    .maxBatchingWindow(Duration.seconds(StreamSubscription.MAX_BATCHING_WINDOW.toSeconds()))
                    .bisectBatchOnError(StreamSubscription.BISECT_ON_ERROR)
                    .retryAttempts(StreamSubscription.RETRY_ATTEMPTS)
                    // No maxRecordAge (infinite): records are dropped only after failed deliveries, each parked first.
                    .reportBatchItemFailures(StreamSubscription.REPORT_BATCH_ITEM_FAILURES)
                    // Only records of items this consumer acts on invoke it: the processor's own writes and their TTL
                    // deletes do not. The patterns go in as written (FilterCriteria.filter would re-serialise a map), so
                    // the template holds the very strings the local stream feeder evaluates.
                    .filters(consumer.filterPatterns().stream().map(pattern -> Map.<String, Object>of("pattern", pattern)).toList())
                    .onFailure(new SqsDlq(failures))
                    .build());
            if (consumer == StreamConsumer.RECORDS) {
                // Replaced and removed media, and everything of a deleted course or an erased user: deletes only.
                function.function().addToRolePolicy(PolicyStatement.Builder.create()
                        .sid("DeleteRemovedMedia").actions(List.of("s3:DeleteObject"))
                        .resources(List.of(assets.arnForObjects("courses/*"), assets.arnForObjects("users/*"))).build());
            }
            consumers.put(consumer, new StreamConsumerResources(function, failures));
        }

        HttpApiRoutes api = new HttpApiRoutes(this, "Api", settings, functions, issuer, webClient.getUserPoolClientId());
        new Monitoring(this, "Monitoring", settings, functions, consumers, api.api(), table);

        CfnOutput.Builder.create(this, "ApiUrl").value(api.api().getApiEndpoint()).build();
        CfnOutput.Builder.create(this, "TableName").value(table.getTableName()).build();
        CfnOutput.Builder.create(this, "UserPoolId").value(users.getUserPoolId()).build();
        CfnOutput.Builder.create(this, "UserPoolClientId").value(webClient.getUserPoolClientId()).build();
        CfnOutput.Builder.create(this, "AssetsBucket").value(assets.getBucketName()).build();
        CfnOutput.Builder.create(this, "MediaUrl").value(media.publicBaseUrl()).build();
    }

    /** A stream consumer's function and its on-failure queue. */
    record StreamConsumerResources(ServiceFunction function, Queue failures) {
    }

    private static String readJwks(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readString(file).strip();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read the JWKS file " + file, e);
        }
    }

    /** The table exactly as TableDesign defines it, with the protections a stage needs. */
    private Table table(boolean prod, RemovalPolicy removal) {
        Table table = Table.Builder.create(this, "Table")
                .partitionKey(Attribute.builder().name(TableDesign.PK).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(TableDesign.SK).type(AttributeType.STRING).build())
                .billingMode(BillingMode.valueOf(TableDesign.BILLING_MODE))
                .stream(StreamViewType.valueOf(TableDesign.STREAM_VIEW_TYPE))
                .timeToLiveAttribute(TableDesign.TTL_ATTRIBUTE)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.AWS_MANAGED)
                .deletionProtection(prod)
                .removalPolicy(removal)
                .build();
        for (IndexDesign index : TableDesign.INDEXES) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(index.name())
                    .partitionKey(Attribute.builder().name(index.partitionKey()).type(AttributeType.STRING).build())
                    .sortKey(Attribute.builder().name(index.sortKey()).type(AttributeType.STRING).build())
                    .projectionType(ProjectionType.valueOf(index.projection().name()))
                    .build());
        }
        return table;
    }
}
