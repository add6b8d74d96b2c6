package dev.skillforge.web.testing;

import java.util.Map;

import dev.skillforge.data.testing.TestConfigContributor;

/** Every HTTP function under test verifies tokens against the per-JVM test key pair of {@link TestTokens}. */
public class TokenTestConfig implements TestConfigContributor {

    @Override
    public Map<String, String> config() {
        return Map.of(
                "mp.jwt.verify.publickey", TestTokens.publicKeyPem(),
                "mp.jwt.verify.issuer", TestTokens.ISSUER,
                "skillforge.auth.client-id", TestTokens.CLIENT_ID);
    }
}
