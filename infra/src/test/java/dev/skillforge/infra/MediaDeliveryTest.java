package dev.skillforge.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.web.routes.RouteTable;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudfront.CachePolicy;

/** The media CDN of issue 23 as the template has it, the contract the services and the local cloud are built against. */
@SuppressWarnings("unchecked")
class MediaDeliveryTest {

    private static final Template DEV_NATIVE = Synth.template("dev", "native");
    private static final Template PROD_SNAPSTART = Synth.template("prod", "jvm-snapstart");
    private static final Map<Template, String> STAGES = new LinkedHashMap<>();
    static {
        STAGES.put(DEV_NATIVE, "dev");
        STAGES.put(PROD_SNAPSTART, "prod");
    }
    private static final Map<Template, Map<String, Object>> JSON = new java.util.IdentityHashMap<>();
    private static final String CACHING_OPTIMIZED = CachePolicy.CACHING_OPTIMIZED.getCachePolicyId();
    private static final String CACHING_OPTIMIZED_UNCOMPRESSED = CachePolicy.CACHING_OPTIMIZED_FOR_UNCOMPRESSED_OBJECTS.getCachePolicyId();

    @Test
    void theDistributionReadsThePrivateBucketThroughOriginAccessControlOnly() {
        for (Template template : STAGES.keySet()) {
            template.resourceCountIs("AWS::CloudFront::Distribution", 1);
            template.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
            template.resourceCountIs("AWS::CloudFront::CloudFrontOriginAccessIdentity", 0);
            String oac = only(template, "AWS::CloudFront::OriginAccessControl");
            Map<String, Object> oacConfig = new HashMap<>((Map<String, Object>) Synth.properties(resource(template, oac))
                    .get("OriginAccessControlConfig"));
            assertFalse(String.valueOf(oacConfig.remove("Name")).isBlank());
            assertEquals(Map.of("OriginAccessControlOriginType", "s3", "SigningBehavior", "always", "SigningProtocol", "sigv4"), oacConfig);

            List<Map<String, Object>> origins = (List<Map<String, Object>>) distributionConfig(template).get("Origins");
            assertEquals(1, origins.size());
            Map<String, Object> origin = origins.get(0);
            assertEquals(Map.of("Fn::GetAtt", List.of(bucket(template), "RegionalDomainName")), origin.get("DomainName"));
            assertEquals(Map.of("Fn::GetAtt", List.of(oac, "Id")), origin.get("OriginAccessControlId"));
            // CDK's OAC origin: an S3 origin with an empty legacy identity, which CloudFront requires when OAC is used.
            assertEquals(Map.of("OriginAccessIdentity", ""), origin.get("S3OriginConfig"));
        }
    }

    @Test
    void theBucketStaysPrivateAndOnlyTheDistributionMayReadIt() {
        for (Template template : STAGES.keySet()) {
            template.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                    "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                            "IgnorePublicAcls", true, "RestrictPublicBuckets", true))));
            String bucket = bucket(template);
            Map<String, Object> policy = Synth.properties(resource(template, only(template, "AWS::S3::BucketPolicy")));
            assertEquals(Map.of("Ref", bucket), policy.get("Bucket"));
            List<Map<String, Object>> allows = ((List<Map<String, Object>>) ((Map<String, Object>) policy.get("PolicyDocument"))
                    .get("Statement")).stream().filter(statement -> "Allow".equals(statement.get("Effect"))).toList();
            Map<String, Object> sourceArn = Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                    ":cloudfront::", Map.of("Ref", "AWS::AccountId"), ":distribution/", Map.of("Ref", distribution(template)))));
            assertEquals(List.of(Map.of(
                    "Action", "s3:GetObject",
                    "Effect", "Allow",
                    "Principal", Map.of("Service", "cloudfront.amazonaws.com"),
                    "Resource", Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt", List.of(bucket, "Arn")), "/*"))),
                    "Condition", Map.of("StringEquals", Map.of("AWS:SourceArn", sourceArn)))), allows,
                    "the only grant on the bucket: this distribution may read objects");
        }
    }

    @Test
    void lessonFilesAndEveryOtherKeyNeedASignatureCoversAndAvatarsArePublic() {
        for (Template template : STAGES.keySet()) {
            Map<String, Object> config = distributionConfig(template);
            List<Object> keyGroups = List.of(Map.of("Ref", only(template, "AWS::CloudFront::KeyGroup")));

            Map<String, Object> fallback = (Map<String, Object>) config.get("DefaultCacheBehavior");
            assertEquals(keyGroups, fallback.get("TrustedKeyGroups"), "the default behavior is signed");
            assertReadOnlyHttps(template, fallback);

            Map<String, Object> signedByPattern = new LinkedHashMap<>();
            for (Map<String, Object> behavior : (List<Map<String, Object>>) config.get("CacheBehaviors")) {
                assertReadOnlyHttps(template, behavior);
                signedByPattern.put((String) behavior.get("PathPattern"), behavior.get("TrustedKeyGroups"));
            }
            // In this order: the first matching pattern wins, and lesson files must never fall to a public pattern.
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put(MediaDelivery.LESSON_FILES, keyGroups);
            expected.put(MediaDelivery.COVERS, null);
            expected.put(MediaDelivery.AVATARS, null);
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(signedByPattern.keySet()), "behavior order");
            assertEquals(expected, signedByPattern);
            assertEquals(false, ((List<Map<String, Object>>) config.get("CacheBehaviors")).get(0).get("Compress"),
                    "lesson files are served as stored, so ranges address the stored bytes");

            assertEquals("PriceClass_100", config.get("PriceClass"));
            assertEquals("http2and3", config.get("HttpVersion"));
            assertEquals(true, config.get("Enabled"));
            assertNull(config.get("Logging"));
            assertNull(config.get("DefaultRootObject"), "nothing is listed or served at /");
        }
    }

    @Test
    void lessonFilesAreCachedWithoutAcceptEncodingInTheKeyEverythingElseByCachingOptimized() {
        for (Template template : STAGES.keySet()) {
            Map<String, Object> policies = new LinkedHashMap<>();
            for (Map<String, Object> behavior : (List<Map<String, Object>>) distributionConfig(template).get("CacheBehaviors")) {
                policies.put((String) behavior.get("PathPattern"), behavior.get("CachePolicyId"));
            }
            policies.put("default", ((Map<String, Object>) distributionConfig(template).get("DefaultCacheBehavior")).get("CachePolicyId"));
            // Never compressed, so an Accept-Encoding in the cache key would only keep identical copies per encoding.
            assertEquals(Map.of(MediaDelivery.LESSON_FILES, CACHING_OPTIMIZED_UNCOMPRESSED, MediaDelivery.COVERS, CACHING_OPTIMIZED,
                    MediaDelivery.AVATARS, CACHING_OPTIMIZED, "default", CACHING_OPTIMIZED), policies);
            assertEquals("b2884449-e4de-46a7-ac36-70bc7f1ddd6d", CACHING_OPTIMIZED_UNCOMPRESSED, "the managed policy's documented id");
        }
    }

    @Test
    void everyMediaResponseCarriesCorsForTheWebOriginAndNosniff() {
        Map<String, String> webOrigins = Map.of("dev", "http://localhost:5173", "prod", "https://app.skillforge.example");
        for (Template template : STAGES.keySet()) {
            String policy = only(template, "AWS::CloudFront::ResponseHeadersPolicy");
            Map<String, Object> config = new HashMap<>((Map<String, Object>) Synth.properties(resource(template, policy))
                    .get("ResponseHeadersPolicyConfig"));
            assertFalse(String.valueOf(config.remove("Name")).isBlank());
            config.remove("Comment");
            assertEquals(Map.of(
                    "CorsConfig", Map.of(
                            "AccessControlAllowOrigins", Map.of("Items", List.of(webOrigins.get(STAGES.get(template)))),
                            // Reads only, and no OPTIONS on the behaviors: GET and HEAD with at most a byte range need no preflight.
                            "AccessControlAllowMethods", Map.of("Items", List.of("GET", "HEAD")),
                            "AccessControlAllowHeaders", Map.of("Items", List.of("Range")),
                            "AccessControlExposeHeaders", Map.of("Items", List.of("Content-Range", "Accept-Ranges", "Content-Length", "ETag")),
                            "AccessControlAllowCredentials", false,
                            "OriginOverride", true),
                    "SecurityHeadersConfig", Map.of("ContentTypeOptions", Map.of("Override", true))), config,
                    "CORS for the web origin with the range headers readable, nosniff; nothing else");

            Map<String, Object> distribution = distributionConfig(template);
            List<Map<String, Object>> behaviors = new ArrayList<>((List<Map<String, Object>>) distribution.get("CacheBehaviors"));
            behaviors.add((Map<String, Object>) distribution.get("DefaultCacheBehavior"));
            assertEquals(4, behaviors.size());
            for (Map<String, Object> behavior : behaviors) {
                assertEquals(Map.of("Ref", policy), behavior.get("ResponseHeadersPolicyId"), String.valueOf(behavior.get("PathPattern")));
            }
        }
    }

    @Test
    void aNewMediaKeyVersionIsANewPublicKeyThatTheKeyGroupAndCoursesServiceFollow() {
        Template first = Synth.template("prod", "jvm-snapstart");
        Template second = Synth.template("prod", "jvm-snapstart", null, "2");
        String oldKey = only(first, "AWS::CloudFront::PublicKey");
        String newKey = only(second, "AWS::CloudFront::PublicKey");
        assertTrue(oldKey.startsWith("MediaPublicKeyV1"), oldKey);
        assertTrue(newKey.startsWith("MediaPublicKeyV2"), newKey);
        // A new logical id: CloudFormation creates it, updates what refers to it, then deletes the old key.
        assertFalse(first.findResources("AWS::CloudFront::PublicKey").containsKey(newKey));
        assertFalse(second.findResources("AWS::CloudFront::PublicKey").containsKey(oldKey));
        Map<String, Object> oldConfig = (Map<String, Object>) Synth.properties(resource(first, oldKey)).get("PublicKeyConfig");
        Map<String, Object> newConfig = (Map<String, Object>) Synth.properties(resource(second, newKey)).get("PublicKeyConfig");
        assertFalse(oldConfig.get("CallerReference").equals(newConfig.get("CallerReference")));
        assertFalse(oldConfig.get("Name").equals(newConfig.get("Name")), "both keys exist while the group switches");
        assertEquals(Map.of("Ref", MediaDelivery.PUBLIC_KEY_PARAMETER), newConfig.get("EncodedKey"));

        String keyGroup = only(second, "AWS::CloudFront::KeyGroup");
        assertEquals(only(first, "AWS::CloudFront::KeyGroup"), keyGroup, "the key group itself is updated in place");
        assertEquals(List.of(Map.of("Ref", newKey)),
                ((Map<String, Object>) Synth.properties(resource(second, keyGroup)).get("KeyGroupConfig")).get("Items"));
        // The changed variable makes the function's configuration change, so its signing key reference is resolved again.
        Map<String, Object> courses = environments(second).get(RouteTable.COURSES);
        assertEquals(Map.of("Ref", newKey), courses.get("SKILLFORGE_MEDIA_KEY_PAIR_ID"));
        assertEquals(Map.of("Ref", oldKey), environments(first).get(RouteTable.COURSES).get("SKILLFORGE_MEDIA_KEY_PAIR_ID"));
        assertEquals("{{resolve:secretsmanager:skillforge-prod-media-signing-key:SecretString:::}}", courses.get("SKILLFORGE_MEDIA_SIGNING_KEY"));
    }

    @Test
    void theMediaKeyVersionIsAWholeNumberFromOne() {
        assertEquals(1, DeploySettings.of("dev", null, ".", null, null, null).mediaKeyVersion());
        assertEquals(7, DeploySettings.of("dev", null, ".", null, null, "7").mediaKeyVersion());
        for (String wrong : List.of("0", "-1", "two", "1.5", "")) {
            assertThrows(IllegalArgumentException.class, () -> DeploySettings.of("dev", null, ".", null, null, wrong), wrong);
        }
    }

    @Test
    void theKeyGroupHoldsThePublicKeyGivenAsTheTemplateParameter() {
        for (Template template : STAGES.keySet()) {
            template.hasParameter(MediaDelivery.PUBLIC_KEY_PARAMETER, Map.of("Type", "String",
                    "Description", Match.stringLikeRegexp(".*PEM of the RSA-2048 public key whose private key is in the secret skillforge-"
                            + STAGES.get(template) + "-media-signing-key.*")));
            assertFalse(template.findParameters(MediaDelivery.PUBLIC_KEY_PARAMETER).get(MediaDelivery.PUBLIC_KEY_PARAMETER)
                    .containsKey("Default"), "no key in the template: the operator gives it at deploy");
            String publicKey = only(template, "AWS::CloudFront::PublicKey");
            String keyGroup = only(template, "AWS::CloudFront::KeyGroup");
            assertTrue(publicKey.startsWith("MediaPublicKeyV1"), "the key's version, 1 unless -c mediaKeyVersion says otherwise: " + publicKey);
            assertTrue(keyGroup.startsWith("MediaKeyGroup"), keyGroup);
            Map<String, Object> keyConfig = (Map<String, Object>) Synth.properties(resource(template, publicKey)).get("PublicKeyConfig");
            assertEquals(Map.of("Ref", MediaDelivery.PUBLIC_KEY_PARAMETER), keyConfig.get("EncodedKey"));
            Map<String, Object> groupConfig = (Map<String, Object>) Synth.properties(resource(template, keyGroup)).get("KeyGroupConfig");
            assertEquals(List.of(Map.of("Ref", publicKey)), groupConfig.get("Items"));
            template.hasOutput("MediaUrl", Map.of("Value", baseUrl(template)));
        }
    }

    @Test
    void eachFunctionGetsTheMediaSettingsItUsesAndTheSigningKeyOnlyAsADeployTimeReference() {
        for (Template template : STAGES.keySet()) {
            Map<String, Object> bucket = Map.of("Ref", bucket(template));
            Map<String, Object> baseUrl = baseUrl(template);
            String signingKey = "{{resolve:secretsmanager:skillforge-" + STAGES.get(template) + "-media-signing-key:SecretString:::}}";
            Map<String, Map<String, Object>> expected = new TreeMap<>();
            for (String function : Synth.functions()) {
                expected.put(function, Map.of());
            }
            expected.put(RouteTable.COURSES, Map.of("SKILLFORGE_ASSETS_BUCKET", bucket, "SKILLFORGE_MEDIA_PUBLIC_BASE_URL", baseUrl,
                    "SKILLFORGE_MEDIA_KEY_PAIR_ID", Map.of("Ref", only(template, "AWS::CloudFront::PublicKey")),
                    "SKILLFORGE_MEDIA_SIGNING_KEY", signingKey));
            expected.put(RouteTable.ENROLLMENTS, Map.of("SKILLFORGE_ASSETS_BUCKET", bucket, "SKILLFORGE_MEDIA_PUBLIC_BASE_URL", baseUrl));
            expected.put(RouteTable.REVIEWS, Map.of("SKILLFORGE_MEDIA_PUBLIC_BASE_URL", baseUrl));
            expected.put(StreamConsumer.RECORDS.functionName(), Map.of("SKILLFORGE_ASSETS_BUCKET", bucket));

            Map<String, Map<String, Object>> actual = new TreeMap<>();
            environments(template).forEach((function, variables) -> {
                Map<String, Object> media = new HashMap<>();
                variables.forEach((name, value) -> {
                    if (name.startsWith("SKILLFORGE_MEDIA_") || name.equals("SKILLFORGE_ASSETS_BUCKET")) {
                        media.put(name, value);
                    }
                });
                actual.put(function, media);
            });
            assertEquals(expected, actual);
        }
    }

    @Test
    void noFunctionEnvironmentHoldsAKey() {
        for (Template template : STAGES.keySet()) {
            environments(template).forEach((function, variables) -> variables.forEach((name, value) -> {
                String text = String.valueOf(value);
                assertFalse(text.contains("-----BEGIN") || text.contains("PRIVATE KEY"), function + " " + name + " holds a PEM");
            }));
        }
    }

    @Test
    void eachFunctionMayTouchOnlyItsOwnPrefixesOfTheBucket() {
        for (Template template : STAGES.keySet()) {
            String bucket = bucket(template);
            Map<String, List<Map<String, Object>>> expected = new TreeMap<>();
            expected.put(RouteTable.COURSES, List.of(Map.of("Sid", "UploadAndCheckCourseMedia", "Effect", "Allow",
                    "Action", List.of("s3:PutObject", "s3:GetObject"), "Resource", objects(bucket, "courses/*"))));
            expected.put(RouteTable.ENROLLMENTS, List.of(Map.of("Sid", "UploadAndCheckAvatars", "Effect", "Allow",
                    "Action", List.of("s3:PutObject", "s3:GetObject"), "Resource", objects(bucket, "users/*"))));
            expected.put(StreamConsumer.RECORDS.functionName(), List.of(Map.of("Sid", "DeleteRemovedMedia", "Effect", "Allow",
                    "Action", "s3:DeleteObject", "Resource", List.of(objects(bucket, "courses/*"), objects(bucket, "users/*")))));

            Map<String, String> functionOfRole = new HashMap<>();
            Synth.resources(template, "AWS::Lambda::Function").forEach((id, resource) -> {
                Map<String, Object> properties = Synth.properties(resource);
                List<Object> role = (List<Object>) ((Map<String, Object>) properties.get("Role")).get("Fn::GetAtt");
                functionOfRole.put((String) role.get(0), ((String) properties.get("Description")).split(" ")[1]);
            });
            Map<String, List<Map<String, Object>>> granted = new TreeMap<>();
            List<String> secretGrants = new ArrayList<>();
            Synth.resources(template, "AWS::IAM::Policy").forEach((id, policy) -> {
                List<Map<String, Object>> roles = (List<Map<String, Object>>) Synth.properties(policy).get("Roles");
                String owner = roles.stream().map(role -> functionOfRole.get((String) role.get("Ref")))
                        .filter(java.util.Objects::nonNull).findFirst().orElse(id);
                for (Map<String, Object> statement : statements(policy)) {
                    List<String> actions = actions(statement);
                    if (actions.stream().anyMatch(action -> action.startsWith("s3:"))) {
                        granted.computeIfAbsent(owner, f -> new ArrayList<>()).add(statement);
                    }
                    actions.stream().filter(action -> action.startsWith("secretsmanager:")).forEach(action -> secretGrants.add(owner + ": " + action));
                }
            });
            assertEquals(expected, granted, "s3 grants by function, and nobody else holds any");
            // Both secrets reach the functions through CloudFormation's dynamic references: none may read them itself.
            assertEquals(List.of(), secretGrants);
        }
    }

    // --- template access ---

    static Map<String, Map<String, Object>> environments(Template template) {
        Map<String, Map<String, Object>> byFunction = new TreeMap<>();
        Synth.resources(template, "AWS::Lambda::Function").forEach((id, resource) -> {
            Map<String, Object> properties = Synth.properties(resource);
            String function = ((String) properties.get("Description")).split(" ")[1];
            byFunction.put(function, (Map<String, Object>) ((Map<String, Object>) properties.get("Environment")).get("Variables"));
        });
        assertEquals(java.util.Set.copyOf(Synth.functions()), byFunction.keySet());
        return byFunction;
    }

    private static void assertReadOnlyHttps(Template template, Map<String, Object> behavior) {
        assertEquals("redirect-to-https", behavior.get("ViewerProtocolPolicy"), String.valueOf(behavior.get("PathPattern")));
        assertEquals(List.of("GET", "HEAD"), behavior.get("AllowedMethods"));
        assertEquals(List.of("GET", "HEAD"), behavior.get("CachedMethods"));
        // Both managed policies: no query string in the cache key, so signatures do not fragment the cache.
        assertTrue(List.of(CACHING_OPTIMIZED, CACHING_OPTIMIZED_UNCOMPRESSED).contains(behavior.get("CachePolicyId")));
        assertEquals(Map.of("Ref", only(template, "AWS::CloudFront::ResponseHeadersPolicy")), behavior.get("ResponseHeadersPolicyId"));
        assertNull(behavior.get("OriginRequestPolicyId"));
        assertNull(behavior.get("FunctionAssociations"));
    }

    private static Map<String, Object> baseUrl(Template template) {
        return Map.of("Fn::Join", List.of("", List.of("https://", Map.of("Fn::GetAtt", List.of(distribution(template), "DomainName")))));
    }

    private static Map<String, Object> objects(String bucket, String pattern) {
        return Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt", List.of(bucket, "Arn")), "/" + pattern)));
    }

    private static Map<String, Object> distributionConfig(Template template) {
        return (Map<String, Object>) Synth.properties(resource(template, distribution(template))).get("DistributionConfig");
    }

    private static String distribution(Template template) {
        String id = only(template, "AWS::CloudFront::Distribution");
        assertTrue(id.startsWith("MediaDistribution"), id);
        return id;
    }

    private static String bucket(Template template) {
        return only(template, "AWS::S3::Bucket");
    }

    private static String only(Template template, String type) {
        Map<String, Map<String, Object>> resources = Synth.resources(template, type);
        assertEquals(1, resources.size(), type + ": " + resources.keySet());
        return resources.keySet().iterator().next();
    }

    private static Map<String, Object> resource(Template template, String logicalId) {
        Map<String, Object> json = JSON.computeIfAbsent(template, Template::toJSON);
        return (Map<String, Object>) ((Map<String, Object>) json.get("Resources")).get(logicalId);
    }

    private static List<Map<String, Object>> statements(Map<String, Object> policy) {
        return (List<Map<String, Object>>) ((Map<String, Object>) Synth.properties(policy).get("PolicyDocument")).get("Statement");
    }

    private static List<String> actions(Map<String, Object> statement) {
        Object action = statement.get("Action");
        return action instanceof String single ? List.of(single) : (List<String>) action;
    }
}
