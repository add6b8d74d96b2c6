package dev.skillforge.local.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.skillforge.data.testing.cognito.LocalCognito;
import dev.skillforge.local.LocalCloud;
import dev.skillforge.local.cloudformation.StackTemplate;
import dev.skillforge.local.credentials.LocalCredentials;
import dev.skillforge.local.iam.Policy;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AccessDeniedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

/** The local pool's admin calls pass only with a valid signature by issued credentials whose role allows the action. */
class CognitoIamTest {

    private static LocalCredentials credentials;
    private static DevIdentity identity;
    private static LocalCognito pool;
    private static LocalCredentials.Session usersFunction;
    private static LocalCredentials.Session coursesFunction;

    @BeforeAll
    static void start(@TempDir Path keys) throws Exception {
        credentials = new LocalCredentials();
        identity = DevIdentity.in(keys);
        usersFunction = credentials.issue("skillforge-dev-users", "UsersRole", new Policy(List.of(new Policy.Statement(true,
                List.of("cognito-idp:AdminGetUser", "cognito-idp:AdminAddUserToGroup"), List.of(LocalCloud.USER_POOL_ARN)))));
        coursesFunction = credentials.issue("skillforge-dev-courses", "CoursesRole", new Policy(List.of()));
        pool = LocalCognito.builder(identity).poolId(LocalCloud.USER_POOL_ID).clientId(DevIdentity.CLIENT_ID)
                .check(new CognitoIam(credentials, LocalCloud.USER_POOL_ARN)).start();
        pool.createUser("student-1", "student-1@skillforge.local", "Sam Student", List.of("student"));
    }

    @AfterAll
    static void stop() {
        pool.close();
        credentials.close();
    }

    private static CognitoIdentityProviderClient client(AwsCredentials signer) {
        return CognitoIdentityProviderClient.builder().endpointOverride(pool.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(signer)).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static AwsSessionCredentials of(LocalCredentials.Session session) {
        return AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
    }

    @Test
    void theArnIsThePoolsInTheLocalAccount() {
        assertEquals("arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_SkillForg1", LocalCloud.USER_POOL_ARN);
    }

    @Test
    void anAllowedActionRuns() {
        try (CognitoIdentityProviderClient cognito = client(of(usersFunction))) {
            assertEquals("student-1", cognito.adminGetUser(b -> b.userPoolId(LocalCloud.USER_POOL_ID).username("student-1")).username());
            cognito.adminAddUserToGroup(b -> b.userPoolId(LocalCloud.USER_POOL_ID).username("student-1").groupName("student"));
        }
    }

    @Test
    void anActionThePolicyDoesNotAllowIsAccessDenied() {
        try (CognitoIdentityProviderClient cognito = client(of(usersFunction))) {
            AccessDeniedException denied = assertThrows(AccessDeniedException.class,
                    () -> cognito.adminDeleteUser(b -> b.userPoolId(LocalCloud.USER_POOL_ID).username("student-1")));
            assertEquals(400, denied.statusCode());
            assertEquals(Policy.deniedMessage(usersFunction.principalArn(), "cognito-idp:AdminDeleteUser", LocalCloud.USER_POOL_ARN),
                    denied.awsErrorDetails().errorMessage());
        }
        try (CognitoIdentityProviderClient cognito = client(of(coursesFunction))) {
            assertThrows(AccessDeniedException.class,
                    () -> cognito.adminGetUser(b -> b.userPoolId(LocalCloud.USER_POOL_ID).username("student-1")));
        }
        assertTrue(pool.find("student-1").isPresent());
    }

    @Test
    void credentialsTheLocalCloudDidNotIssueOrAWrongSecretAreRefused() {
        try (CognitoIdentityProviderClient cognito = client(AwsBasicCredentials.create("AKIAUNKNOWN", "secret"))) {
            CognitoIdentityProviderException refused = assertThrows(CognitoIdentityProviderException.class,
                    () -> cognito.adminGetUser(b -> b.userPoolId(LocalCloud.USER_POOL_ID).username("student-1")));
            assertEquals(403, refused.statusCode());
            assertEquals("UnrecognizedClientException", refused.awsErrorDetails().errorCode());
        }
        AwsSessionCredentials wrongSecret = AwsSessionCredentials.create(usersFunction.accessKeyId(), "not-the-secret",
                usersFunction.sessionToken());
        try (CognitoIdentityProviderClient cognito = client(wrongSecret)) {
            CognitoIdentityProviderException refused = assertThrows(CognitoIdentityProviderException.class,
                    () -> cognito.adminGetUser(b -> b.userPoolId(LocalCloud.USER_POOL_ID).username("student-1")));
            assertEquals(403, refused.statusCode());
            assertEquals("InvalidSignatureException", refused.awsErrorDetails().errorCode());
        }
    }

    @Test
    void refreshIsPublicAndMintsTokensTheGatewayTrusts() {
        String refreshToken = pool.signIn("student-1");
        try (CognitoIdentityProviderClient cognito = client(AwsBasicCredentials.create("AKIAUNKNOWN", "secret"))) {
            String access = cognito.initiateAuth(b -> b.authFlow(AuthFlowType.REFRESH_TOKEN_AUTH).clientId(DevIdentity.CLIENT_ID)
                    .authParameters(Map.of("REFRESH_TOKEN", refreshToken))).authenticationResult().accessToken();
            Map<String, Object> claims = identity.verify(access);
            assertNotNull(claims);
            assertEquals("student-1", claims.get("sub"));
            assertEquals(List.of("student"), claims.get("cognito:groups"));
        }
    }

    @Test
    void theTemplatesPoolResolvesToTheLocalPool(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("template.json");
        Files.writeString(file, """
                {"Resources": {
                  "Users": {"Type": "AWS::Cognito::UserPool", "Properties": {}},
                  "UsersRole": {"Type": "AWS::IAM::Role", "Properties": {}},
                  "UsersPolicy": {"Type": "AWS::IAM::Policy", "Properties": {"Roles": [{"Ref": "UsersRole"}],
                    "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": ["cognito-idp:AdminGetUser"],
                      "Resource": {"Fn::GetAtt": ["Users", "Arn"]}}]}}},
                  "UsersFunction": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "skillforge-dev-users",
                    "Runtime": "java21", "Handler": "h", "Role": {"Fn::GetAtt": ["UsersRole", "Arn"]},
                    "Environment": {"Variables": {"SKILLFORGE_USERS_POOL_ID": {"Ref": "Users"}}}}}
                }}
                """);
        StackTemplate template = StackTemplate.read(file, new StackTemplate.LocalResources("table", "bucket", "https://issuer",
                LocalCloud.USER_POOL_ID, LocalCloud.USER_POOL_ARN, DevIdentity.CLIENT_ID, Map.of()));
        StackTemplate.FunctionDefinition users = template.function("users");
        assertEquals(LocalCloud.USER_POOL_ID, users.environment().get("SKILLFORGE_USERS_POOL_ID"));
        assertTrue(users.policy().allows("cognito-idp:AdminGetUser", LocalCloud.USER_POOL_ARN));
    }
}
