package dev.skillforge.local.cloudformation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillforge.local.iam.Policy;

/**
 * LOCAL ONLY. The CloudFormation template the CDK app synthesizes (infra's build writes one per deploy mode to
 * {@code infra/target/templates}), read the way CloudFormation would deploy it onto the local cloud: each function's
 * handler, runtime, memory, timeout and environment, and the IAM policy attached to its role, with every intrinsic
 * function ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Join}, dynamic secret references) resolved against the
 * local stand-ins of the stack's resources ({@link LocalResources}). What the template does not say, the local cloud
 * does not invent.
 */
public final class StackTemplate {

    public static final String ACCOUNT = "000000000000";
    public static final String REGION = "us-east-1";
    /** An S3 bucket's (regional) domain name, as a distribution's origin names it. */
    private static final Pattern S3_DOMAIN = Pattern.compile("([a-z0-9.-]+)\\.s3(?:[.-][a-z0-9-]+)?\\.amazonaws\\.com");
    private static final Pattern SECRET_REFERENCE = Pattern.compile("\\{\\{resolve:secretsmanager:([^:}]+(?::[^:}]+)*?):SecretString:([^:}]*):([^:}]*):([^:}]*)}}");

    private final JsonNode resources;
    private final JsonNode parameters;
    private final LocalResources local;

    /**
     * What the stack's resources are locally: the table's name, the assets bucket's name, the user pool's issuer URL,
     * id and ARN, the app client's id, each secret's value by the secret's logical id in the template or by the name a
     * dynamic reference gives it (a secret made outside the stack), the values given for the template's parameters
     * (as {@code cdk deploy --parameters}), and the local CDN's host:port (the distribution's domain name).
     */
    public record LocalResources(String tableName, String bucketName, String issuer, String userPoolId, String userPoolArn,
            String clientId, Map<String, String> secretValues, Map<String, String> parameterValues, String cdnDomainName) {

        /** Without parameters or a CDN (a template that has neither). */
        public LocalResources(String tableName, String bucketName, String issuer, String userPoolId, String userPoolArn,
                String clientId, Map<String, String> secretValues) {
            this(tableName, bucketName, issuer, userPoolId, userPoolArn, clientId, secretValues, Map.of(), null);
        }
    }

    /** One function as the template deploys it. */
    public record FunctionDefinition(String functionName, String runtime, String handler, int memoryMb, int timeoutSeconds,
            Map<String, String> environment, String roleName, Policy policy) {
    }

    private StackTemplate(JsonNode template, LocalResources local) {
        this.resources = template.path("Resources");
        this.parameters = template.path("Parameters");
        this.local = local;
    }

    public static StackTemplate read(Path file, LocalResources local) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no synthesized template at " + file + ": build infra first (./mvnw install -DskipTests)");
        }
        return new StackTemplate(new ObjectMapper().readTree(file.toFile()), local);
    }

    /** The template of a deploy mode ({@code native}, {@code jvm-snapstart}, {@code jvm-aot}) in a repository. */
    public static Path of(Path root, String deployMode) {
        return root.resolve("infra/target/templates").resolve(deployMode + ".template.json");
    }

    /** The function whose name ends with {@code -<service>} (the stack names them skillforge-<stage>-<service>). */
    public FunctionDefinition function(String service) {
        for (Map.Entry<String, JsonNode> resource : resources.properties()) {
            JsonNode properties = resource.getValue().path("Properties");
            if (resource.getValue().path("Type").asText().equals("AWS::Lambda::Function")
                    && properties.path("FunctionName").asText().endsWith("-" + service)) {
                return definition(properties);
            }
        }
        throw new IllegalStateException("the template has no function for " + service);
    }

    private FunctionDefinition definition(JsonNode properties) {
        Map<String, String> environment = new LinkedHashMap<>();
        properties.path("Environment").path("Variables").properties()
                .forEach(variable -> environment.put(variable.getKey(), resolve(variable.getValue())));
        String roleId = properties.path("Role").path("Fn::GetAtt").path(0).asText();
        return new FunctionDefinition(properties.path("FunctionName").asText(), properties.path("Runtime").asText(),
                properties.path("Handler").asText(), properties.path("MemorySize").asInt(128), properties.path("Timeout").asInt(3),
                environment, roleId, new Policy(statementsOf(roleId)));
    }

    /** Every statement of every AWS::IAM::Policy attached to the role. */
    private List<Policy.Statement> statementsOf(String roleId) {
        List<Policy.Statement> statements = new ArrayList<>();
        for (Map.Entry<String, JsonNode> resource : resources.properties()) {
            JsonNode properties = resource.getValue().path("Properties");
            if (!resource.getValue().path("Type").asText().equals("AWS::IAM::Policy")) {
                continue;
            }
            boolean attached = false;
            for (JsonNode role : properties.path("Roles")) {
                attached |= role.path("Ref").asText().equals(roleId);
            }
            if (attached) {
                for (JsonNode statement : properties.path("PolicyDocument").path("Statement")) {
                    if (statement.has("Condition") || statement.has("NotAction") || statement.has("NotResource")) {
                        throw new IllegalStateException("a policy statement of " + roleId + " uses what the local IAM does not evaluate: " + statement);
                    }
                    statements.add(new Policy.Statement(statement.path("Effect").asText().equals("Allow"),
                            strings(statement.path("Action")), strings(statement.path("Resource"))));
                }
            }
        }
        return statements;
    }

    private List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(each -> values.add(resolve(each)));
        } else if (!node.isMissingNode()) {
            values.add(resolve(node));
        }
        return values;
    }

    /** A template value with its intrinsic functions evaluated locally. */
    public String resolve(JsonNode value) {
        if (value.isTextual()) {
            return resolveSecrets(value.asText());
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        if (value.has("Ref")) {
            return ref(value.get("Ref").asText());
        }
        if (value.has("Fn::GetAtt")) {
            return attribute(value.get("Fn::GetAtt").get(0).asText(), value.get("Fn::GetAtt").get(1).asText());
        }
        if (value.has("Fn::Join")) {
            List<String> parts = new ArrayList<>();
            value.get("Fn::Join").get(1).forEach(part -> parts.add(resolve(part)));
            return resolveSecrets(String.join(value.get("Fn::Join").get(0).asText(), parts));
        }
        throw new IllegalStateException("the local cloud cannot evaluate " + value);
    }

    private String resolveSecrets(String text) {
        Matcher matcher = SECRET_REFERENCE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String secretId = matcher.group(1);
            String value = local.secretValues().entrySet().stream()
                    .filter(secret -> secretId.equals(secret.getKey()) || secretId.equals(secretArn(secret.getKey())))
                    .map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no local value for the secret " + secretId));
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    private String ref(String logicalId) {
        switch (logicalId) {
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            default:
                break;
        }
        if (parameters.has(logicalId)) {
            return parameter(logicalId);
        }
        return switch (typeOf(logicalId)) {
            case "AWS::DynamoDB::Table" -> local.tableName();
            case "AWS::S3::Bucket" -> local.bucketName();
            case "AWS::Cognito::UserPool" -> local.userPoolId();
            case "AWS::Cognito::UserPoolClient" -> local.clientId();
            case "AWS::SecretsManager::Secret" -> secretArn(logicalId);
            case "AWS::IAM::Role" -> logicalId;
            case "AWS::CloudFront::PublicKey" -> localId("K", logicalId);
            case "AWS::CloudFront::Distribution" -> localId("E", logicalId);
            default -> throw new IllegalStateException("the local cloud has no stand-in for " + logicalId + " (" + typeOf(logicalId) + ")");
        };
    }

    private String attribute(String logicalId, String attribute) {
        String type = typeOf(logicalId);
        return switch (type + "." + attribute) {
            case "AWS::DynamoDB::Table.Arn" -> tableArn(local.tableName());
            case "AWS::DynamoDB::Table.StreamArn" -> tableArn(local.tableName()) + "/stream/local";
            case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + local.bucketName();
            case "AWS::S3::Bucket.RegionalDomainName" -> local.bucketName() + ".s3." + REGION + ".amazonaws.com";
            case "AWS::CloudFront::Distribution.DomainName" -> requireCdn(logicalId);
            case "AWS::CloudFront::OriginAccessControl.Id" -> localId("E", logicalId);
            case "AWS::Cognito::UserPool.ProviderURL" -> local.issuer();
            case "AWS::Cognito::UserPool.Arn" -> local.userPoolArn();
            case "AWS::IAM::Role.Arn" -> "arn:aws:iam::" + ACCOUNT + ":role/" + logicalId;
            // The stream's failure destination: named in the stream-processor's policy; the local feeder keeps failures in a file.
            case "AWS::SQS::Queue.Arn" -> "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + logicalId;
            default -> throw new IllegalStateException("the local cloud has no stand-in for " + logicalId + "." + attribute);
        };
    }

    /** A parameter's value: the one the local cloud gives, else the template's default. */
    private String parameter(String name) {
        String value = local.parameterValues().get(name);
        if (value == null && parameters.path(name).has("Default")) {
            value = parameters.path(name).path("Default").asText();
        }
        if (value == null) {
            throw new IllegalStateException("the template's parameter " + name + " has no default and the local cloud gives it no value");
        }
        return value;
    }

    private String requireCdn(String logicalId) {
        if (local.cdnDomainName() == null) {
            throw new IllegalStateException("the local cloud runs no CDN for " + logicalId);
        }
        return local.cdnDomainName();
    }

    /**
     * A stable id of the shape CloudFront gives ({@code K2JCJMDEHXQW5F} for a public key, {@code E...} for a
     * distribution): the prefix and 13 letters and digits derived from the logical id, so a function's variables
     * stay the same from run to run.
     */
    public static String localId(String prefix, String logicalId) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        byte[] hash;
        try {
            hash = java.security.MessageDigest.getInstance("SHA-256").digest(logicalId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 13; i++) {
            id.append(alphabet.charAt((hash[i] & 0xff) % alphabet.length()));
        }
        return id.toString();
    }

    public static String tableArn(String tableName) {
        return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + tableName;
    }

    private static String secretArn(String logicalId) {
        return "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:" + logicalId;
    }

    private String typeOf(String logicalId) {
        JsonNode resource = resources.path(logicalId);
        if (resource.isMissingNode()) {
            throw new IllegalStateException("the template names " + logicalId + ", which it does not define");
        }
        return resource.path("Type").asText();
    }

    /**
     * The HTTP API as the template configures it: its CORS configuration ({@code null} when it has none) and the
     * function its {@code $default} route invokes ({@code null} when it has no such route).
     */
    public record HttpApi(CorsConfiguration cors, String unmatchedFunctionName) {
    }

    /** An HTTP API's CorsConfiguration, as CloudFormation spells it; {@code maxAge} is null when not set. */
    public record CorsConfiguration(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
            List<String> exposeHeaders, Integer maxAge, boolean allowCredentials) {
    }

    /** The stack's one HTTP API (AWS::ApiGatewayV2::Api with ProtocolType HTTP), its CORS and its $default route. */
    public HttpApi httpApi() {
        List<String> apis = new ArrayList<>();
        resources.properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::ApiGatewayV2::Api")
                    && resource.getValue().path("Properties").path("ProtocolType").asText().equals("HTTP")) {
                apis.add(resource.getKey());
            }
        });
        if (apis.size() != 1) {
            throw new IllegalStateException("the local gateway stands in for one HTTP API; the template has " + apis.size());
        }
        JsonNode cors = resources.path(apis.get(0)).path("Properties").path("CorsConfiguration");
        CorsConfiguration configuration = cors.isMissingNode() ? null : new CorsConfiguration(strings(cors.path("AllowOrigins")),
                strings(cors.path("AllowMethods")), strings(cors.path("AllowHeaders")), strings(cors.path("ExposeHeaders")),
                cors.has("MaxAge") ? cors.path("MaxAge").asInt() : null, cors.path("AllowCredentials").asBoolean(false));
        String unmatched = null;
        for (Map.Entry<String, JsonNode> resource : resources.properties()) {
            JsonNode properties = resource.getValue().path("Properties");
            if (resource.getValue().path("Type").asText().equals("AWS::ApiGatewayV2::Route")
                    && properties.path("RouteKey").asText().equals("$default")
                    && properties.path("ApiId").path("Ref").asText().equals(apis.get(0))) {
                unmatched = targetFunctionName(properties.path("Target"));
            }
        }
        return new HttpApi(configuration, unmatched);
    }

    /** A route's Target ("integrations/" joined with an integration's Ref) followed to the function's name. */
    private String targetFunctionName(JsonNode target) {
        String integration = null;
        for (JsonNode part : target.path("Fn::Join").path(1)) {
            if (part.has("Ref")) {
                integration = part.path("Ref").asText();
            }
        }
        if (integration == null || !typeOf(integration).equals("AWS::ApiGatewayV2::Integration")) {
            throw new IllegalStateException("the local cloud cannot follow the route target " + target);
        }
        JsonNode uri = resources.path(integration).path("Properties").path("IntegrationUri");
        // A function's Arn (Fn::GetAtt), or an alias's (Ref; SnapStart invokes the published alias) naming its function.
        String invoked = uri.has("Fn::GetAtt") ? uri.path("Fn::GetAtt").path(0).asText() : uri.path("Ref").asText();
        if (typeOf(invoked).equals("AWS::Lambda::Alias")) {
            invoked = resources.path(invoked).path("Properties").path("FunctionName").path("Ref").asText();
        }
        if (!typeOf(invoked).equals("AWS::Lambda::Function")) {
            throw new IllegalStateException("the integration " + integration + " does not invoke a function the local cloud runs");
        }
        return resources.path(invoked).path("Properties").path("FunctionName").asText();
    }

    /** The names of the secrets the template's dynamic references read that it does not define (made outside the stack). */
    public List<String> referencedSecretNames() {
        List<String> names = new ArrayList<>();
        List<JsonNode> pending = new ArrayList<>(List.of(resources));
        while (!pending.isEmpty()) {
            JsonNode node = pending.remove(pending.size() - 1);
            if (node.isTextual()) {
                Matcher matcher = SECRET_REFERENCE.matcher(node.asText());
                while (matcher.find()) {
                    if (!matcher.group(1).startsWith("arn:") && !resources.has(matcher.group(1)) && !names.contains(matcher.group(1))) {
                        names.add(matcher.group(1));
                    }
                }
            }
            node.forEach(pending::add);
        }
        return names;
    }

    /** A public key a behavior trusts: its id (what a signed URL's Key-Pair-Id names) and its PEM. */
    public record TrustedKey(String id, String publicKeyPem) {
    }

    /**
     * A cache behavior: its path pattern (null for the default), the bucket its origin reads (S3 origin) and the
     * methods it allows, the public keys of its trusted key groups (none: the behavior is public), and its response
     * headers policy (null when it has none).
     */
    public record CacheBehavior(String pathPattern, String originBucket, List<String> allowedMethods, List<TrustedKey> trustedKeys,
            ResponseHeaders responseHeaders) {
    }

    /**
     * An AWS::CloudFront::ResponseHeadersPolicy of the template, the parts the local CDN reproduces: its CORS
     * configuration (null when it has none) and whether it adds {@code X-Content-Type-Options: nosniff}.
     */
    public record ResponseHeaders(CorsConfig cors, boolean noSniff) {
    }

    /** A response headers policy's CorsConfig, as CloudFormation spells it; {@code maxAgeSeconds} is null when not set. */
    public record CorsConfig(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders, List<String> exposeHeaders,
            boolean allowCredentials, Integer maxAgeSeconds, boolean originOverride) {
    }

    /**
     * The stack's CloudFront distribution: its cache behaviors in order, the default, and what its S3 origins may do
     * to their bucket, from the bucket policy statements whose principal is CloudFront's service (origin access
     * control: {@code s3:GetObject}, and {@code s3:ListBucket} only when granted, which decides 404 against 403).
     */
    public record Distribution(String logicalId, List<CacheBehavior> behaviors, CacheBehavior defaultBehavior, Policy originAccess) {
    }

    /** The stack's one AWS::CloudFront::Distribution, if it has one. */
    public java.util.Optional<Distribution> distribution() {
        List<String> ids = logicalIds("AWS::CloudFront::Distribution");
        if (ids.size() > 1) {
            throw new IllegalStateException("the local CDN stands in for one distribution; the template has " + ids.size());
        }
        if (ids.isEmpty()) {
            return java.util.Optional.empty();
        }
        JsonNode config = resources.path(ids.get(0)).path("Properties").path("DistributionConfig");
        Map<String, String> originBuckets = new LinkedHashMap<>();
        for (JsonNode origin : config.path("Origins")) {
            String domain = resolve(origin.path("DomainName"));
            Matcher bucket = S3_DOMAIN.matcher(domain);
            if (!bucket.matches() || !origin.has("S3OriginConfig")) {
                throw new IllegalStateException("the local CDN serves S3 origins only, not " + domain);
            }
            originBuckets.put(origin.path("Id").asText(), bucket.group(1));
        }
        List<CacheBehavior> behaviors = new ArrayList<>();
        for (JsonNode behavior : config.path("CacheBehaviors")) {
            behaviors.add(behavior(behavior, originBuckets));
        }
        return java.util.Optional.of(new Distribution(ids.get(0), behaviors, behavior(config.path("DefaultCacheBehavior"), originBuckets),
                new Policy(cloudFrontStatements())));
    }

    private CacheBehavior behavior(JsonNode behavior, Map<String, String> originBuckets) {
        String bucket = originBuckets.get(behavior.path("TargetOriginId").asText());
        if (bucket == null) {
            throw new IllegalStateException("a cache behavior targets the origin " + behavior.path("TargetOriginId") + ", which the distribution lacks");
        }
        List<TrustedKey> keys = new ArrayList<>();
        for (JsonNode group : behavior.path("TrustedKeyGroups")) {
            String groupId = group.path("Ref").asText();
            if (!typeOf(groupId).equals("AWS::CloudFront::KeyGroup")) {
                throw new IllegalStateException("the local CDN follows key groups by Ref only, not " + group);
            }
            for (JsonNode item : resources.path(groupId).path("Properties").path("KeyGroupConfig").path("Items")) {
                String keyId = item.path("Ref").asText();
                keys.add(new TrustedKey(ref(keyId), resolve(resources.path(keyId).path("Properties").path("PublicKeyConfig").path("EncodedKey"))));
            }
        }
        List<String> methods = behavior.has("AllowedMethods") ? strings(behavior.path("AllowedMethods")) : List.of("GET", "HEAD");
        return new CacheBehavior(behavior.has("PathPattern") ? behavior.path("PathPattern").asText() : null, bucket, methods, keys,
                behavior.has("ResponseHeadersPolicyId") ? responseHeaders(behavior.path("ResponseHeadersPolicyId")) : null);
    }

    /**
     * The response headers policy a behavior names by Ref. A managed policy (named by its literal id) or a section the
     * local CDN does not reproduce (custom, removed or other security headers, Server-Timing) is an error, not ignored.
     */
    private ResponseHeaders responseHeaders(JsonNode policyId) {
        String id = policyId.path("Ref").asText();
        if (!policyId.has("Ref") || !typeOf(id).equals("AWS::CloudFront::ResponseHeadersPolicy")) {
            throw new IllegalStateException("the local CDN reproduces the template's own response headers policies (by Ref), not " + policyId);
        }
        JsonNode config = resources.path(id).path("Properties").path("ResponseHeadersPolicyConfig");
        config.fieldNames().forEachRemaining(section -> {
            if (!List.of("Name", "Comment", "CorsConfig", "SecurityHeadersConfig").contains(section)) {
                throw new IllegalStateException("the local CDN does not reproduce " + section + " of the response headers policy " + id);
            }
        });
        JsonNode security = config.path("SecurityHeadersConfig");
        security.fieldNames().forEachRemaining(header -> {
            if (!header.equals("ContentTypeOptions")) {
                throw new IllegalStateException("the local CDN does not reproduce the security header " + header + " of " + id);
            }
        });
        JsonNode cors = config.path("CorsConfig");
        CorsConfig corsConfig = cors.isMissingNode() ? null : new CorsConfig(strings(cors.path("AccessControlAllowOrigins").path("Items")),
                strings(cors.path("AccessControlAllowMethods").path("Items")), strings(cors.path("AccessControlAllowHeaders").path("Items")),
                strings(cors.path("AccessControlExposeHeaders").path("Items")), cors.path("AccessControlAllowCredentials").asBoolean(false),
                cors.has("AccessControlMaxAgeSec") ? cors.path("AccessControlMaxAgeSec").asInt() : null,
                cors.path("OriginOverride").asBoolean(false));
        return new ResponseHeaders(corsConfig, security.has("ContentTypeOptions"));
    }

    /** Bucket policy statements granting CloudFront's service principal; their condition names this stack's distribution. */
    private List<Policy.Statement> cloudFrontStatements() {
        List<Policy.Statement> statements = new ArrayList<>();
        for (String policy : logicalIds("AWS::S3::BucketPolicy")) {
            for (JsonNode statement : resources.path(policy).path("Properties").path("PolicyDocument").path("Statement")) {
                JsonNode service = statement.path("Principal").path("Service");
                if (service.asText().equals("cloudfront.amazonaws.com")
                        || (service.isArray() && strings(service).contains("cloudfront.amazonaws.com"))) {
                    statements.add(new Policy.Statement(statement.path("Effect").asText().equals("Allow"),
                            strings(statement.path("Action")), strings(statement.path("Resource"))));
                }
            }
        }
        return statements;
    }

    /** The logical ids of the template's resources of a type (the secrets, for giving each a local value). */
    public List<String> logicalIds(String type) {
        List<String> ids = new ArrayList<>();
        resources.properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals(type)) {
                ids.add(resource.getKey());
            }
        });
        return ids;
    }
}
