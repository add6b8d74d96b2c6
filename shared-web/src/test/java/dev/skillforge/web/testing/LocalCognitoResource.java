package dev.skillforge.web.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.skillforge.data.testing.TestAws;
import dev.skillforge.data.testing.cognito.LocalCognito;
import dev.skillforge.data.testing.cognito.PoolUser;
import dev.skillforge.data.testing.cognito.RequestCheck;
import dev.skillforge.data.testing.cognito.TokenMinter;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * TEST ONLY. One {@link LocalCognito} per Quarkus application start, its tokens minted by {@link TestTokens} (so the
 * functions under test trust them), and the configuration that points the service's Cognito client at it. The
 * client uses the SDK's default credential chain, so placeholder keys and region are set as system properties.
 */
public class LocalCognitoResource implements QuarkusTestResourceLifecycleManager {

    public static final String POOL_ID = "us-east-1_TestUsers";

    private static volatile LocalCognito pool;
    private final List<String> propertiesSet = new ArrayList<>();

    /** The running pool, for seeding users and checking what the service did to them. */
    public static LocalCognito pool() {
        LocalCognito current = pool;
        if (current == null) {
            throw new IllegalStateException("LocalCognitoResource has not started");
        }
        return current;
    }

    /** Mints with TestTokens: the test issuer and client, the user's current groups as cognito:groups, issued now (as Cognito's). */
    public static TokenMinter testMinter() {
        return new TokenMinter() {
            @Override
            public String accessToken(PoolUser user, int minutes) {
                return TestTokens.accessToken(user.username()).roles(user.groups().toArray(String[]::new)).issuedAt(Instant.now())
                        .expiresAt(Instant.now().plusSeconds(minutes * 60L)).sign();
            }

            @Override
            public String idToken(PoolUser user, int minutes) {
                return TestTokens.idToken(user.username()).roles(user.groups().toArray(String[]::new)).issuedAt(Instant.now())
                        .email(user.email()).name(user.name()).expiresAt(Instant.now().plusSeconds(minutes * 60L)).sign();
            }
        };
    }

    /**
     * One pool for the whole test JVM, started on first use: every Quarkus test of a service gets its settings through
     * {@link UserPoolTestConfig}, so all of a module's test classes share one application start.
     */
    public static synchronized LocalCognito shared() {
        if (pool == null) {
            pool = startPool();
            TestAws.setSystemProperties();
        }
        return pool;
    }

    /** A pool as the tests use it: fixed id, the test client, a SigV4-shaped Authorization header required. */
    public static LocalCognito startPool() {
        try {
            return LocalCognito.builder(testMinter()).poolId(POOL_ID).clientId(TestTokens.CLIENT_ID)
                    .check(RequestCheck.sigV4Present()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        pool = startPool();
        propertiesSet.addAll(TestAws.setSystemProperties());
        Map<String, String> config = new HashMap<>();
        config.put("skillforge.users.pool-id", pool.poolId());
        config.put("skillforge.users.endpoint-override", pool.endpoint().toString());
        return config;
    }

    @Override
    public void stop() {
        propertiesSet.forEach(System::clearProperty);
        propertiesSet.clear();
        LocalCognito running = pool;
        pool = null;
        if (running != null) {
            running.close();
        }
    }
}
