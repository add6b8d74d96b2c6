package dev.skillforge.web.testing;

import java.util.Map;

import dev.skillforge.data.testing.TestConfigContributor;
import dev.skillforge.data.testing.cognito.LocalCognito;

/**
 * Every HTTP function under test points its Cognito client at the test JVM's Cognito-compatible pool
 * ({@link LocalCognitoResource#shared()}); only enrollments-service's admin user routes call it.
 */
public class UserPoolTestConfig implements TestConfigContributor {

    @Override
    public Map<String, String> config() {
        LocalCognito pool = LocalCognitoResource.shared();
        return Map.of("skillforge.users.pool-id", pool.poolId(), "skillforge.users.endpoint-override", pool.endpoint().toString());
    }
}
