package dev.skillforge.data.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Test resource for every module: one dynalite per test JVM (per Quarkus application start), the table
 * created from TableDesign, and the configuration that points the function at both, plus what each
 * {@link TestConfigContributor} on the class path adds (shared-web's token settings); nothing here is used outside tests.
 */
public class DynaliteResource implements QuarkusTestResourceLifecycleManager {

    private Dynalite dynalite;

    @Override
    public Map<String, String> start() {
        dynalite = Dynalite.start(null);
        String endpoint = dynalite.endpoint().toString();
        System.setProperty(TestTable.ENDPOINT_PROPERTY, endpoint);
        TestTable.create(TestTable.clientFor(dynalite.endpoint()));

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.dynamodb.endpoint-override", endpoint);
        config.put("quarkus.dynamodb.aws.region", TestAws.REGION);
        config.put("quarkus.dynamodb.aws.credentials.type", "static");
        config.put("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", TestAws.ACCESS_KEY_ID);
        config.put("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", TestAws.SECRET_ACCESS_KEY);
        config.put("skillforge.table-name", TestTable.NAME);
        config.put("skillforge.cursor.secret", TestTable.CURSOR_SECRET);
        // The web side (token verification) adds its own settings when its test-jar is on the class path.
        java.util.ServiceLoader.load(TestConfigContributor.class).forEach(contributor -> config.putAll(contributor.config()));
        return config;
    }

    @Override
    public void stop() {
        System.clearProperty(TestTable.ENDPOINT_PROPERTY);
        if (dynalite != null) {
            dynalite.close();
        }
    }
}
