package dev.skillforge.data.testing;

import java.util.Map;

/**
 * Settings another shared module's test-jar adds to every function test's configuration (found with ServiceLoader),
 * so the data module's test resource need not know about the web side.
 */
public interface TestConfigContributor {

    Map<String, String> config();
}
