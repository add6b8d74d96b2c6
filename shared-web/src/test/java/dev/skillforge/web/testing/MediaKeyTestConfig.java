package dev.skillforge.web.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

import dev.skillforge.data.testing.TestConfigContributor;

/**
 * Every HTTP function under test delivers media from a test CDN address and signs lesson files with a key pair made for
 * this test JVM (the private half never leaves it); {@link #verifies} checks a signed URL as CloudFront would.
 */
public class MediaKeyTestConfig implements TestConfigContributor {

    public static final String BASE_URL = "https://media.skillforge.test";
    public static final String KEY_PAIR_ID = "KTESTMEDIAKEY01";
    private static final KeyPair KEYS = TestTokens.newKeyPair();

    @Override
    public Map<String, String> config() {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(KEYS.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        return Map.of("skillforge.media.public-base-url", BASE_URL, "skillforge.media.key-pair-id", KEY_PAIR_ID,
                "skillforge.media.signing-key", pem);
    }

    public static PublicKey publicKey() {
        return KEYS.getPublic();
    }

    /** Whether {@code url} is a canned-policy signed URL of this JVM's key pair that is valid at {@code epochSecond}. */
    public static boolean verifies(String url, long epochSecond) {
        int query = url.indexOf("?Expires=");
        if (query < 0) {
            return false;
        }
        String resource = url.substring(0, query);
        Map<String, String> params = new java.util.HashMap<>();
        for (String pair : url.substring(query + 1).split("&")) {
            String[] nameValue = pair.split("=", 2);
            params.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
        }
        long expires = Long.parseLong(params.get("Expires"));
        String policy = "{\"Statement\":[{\"Resource\":\"" + resource + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + expires + "}}}]}";
        byte[] signature = Base64.getDecoder().decode(params.get("Signature").replace('-', '+').replace('_', '=').replace('~', '/'));
        try {
            Signature rsa = Signature.getInstance("SHA1withRSA");
            rsa.initVerify(KEYS.getPublic());
            rsa.update(policy.getBytes(StandardCharsets.UTF_8));
            return KEY_PAIR_ID.equals(params.get("Key-Pair-Id")) && epochSecond < expires && rsa.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
