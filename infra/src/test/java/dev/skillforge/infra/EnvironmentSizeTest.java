package dev.skillforge.infra;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import software.amazon.awscdk.assertions.Template;

/**
 * Lambda refuses a function whose environment is over 4 KB, measured on the variables serialized as a JSON object, and
 * it does so at deploy time, after CloudFormation has resolved the references: the media signing key alone is about
 * 1.7 KB of PEM then. Each value is counted at its worst resolved size, so a template that passes here cannot hit the
 * limit on AWS (unless a bound below stops being true).
 */
class EnvironmentSizeTest {

    static final int LAMBDA_LIMIT = 4096;
    /**
     * PKCS#8 PEM of an RSA-2048 private key: 1,704 bytes, and 28 more for its line breaks escaped in JSON (an RSA-3072
     * key would be about 2.4 KB).
     */
    static final int MEDIA_SIGNING_KEY = 1800;
    /** The cursor secret: 48 letters and digits (SecretStringGenerator in SkillForgeStack). */
    static final int CURSOR_SECRET = 64;
    /**
     * A Ref or Fn::GetAtt: the names and ids CloudFormation gives (table and bucket names, the issuer URL, the client
     * id, the distribution domain, the public key id) are all well under this.
     */
    static final int TOKEN = 128;

    @ParameterizedTest(name = "{0} {1}, JWKS in the configuration: {2}")
    @CsvSource({ "dev, native, false", "prod, jvm-snapstart, false", "dev, native, true", "prod, jvm-snapstart, true" })
    void everyFunctionsEnvironmentFitsLambdasLimitOnceResolved(String stage, String mode, boolean jwks) throws Exception {
        Template template = Synth.template(stage, mode, jwks ? cognitoShapedJwks().toString() : null);
        List<String> over = new ArrayList<>();
        StringBuilder sizes = new StringBuilder();
        MediaDeliveryTest.environments(template).forEach((function, variables) -> {
            int size = worstCaseJsonSize(variables, stage);
            sizes.append(function).append('=').append(size).append(' ');
            if (size >= LAMBDA_LIMIT) {
                over.add(function + " " + size);
            }
        });
        assertTrue(over.isEmpty(), "over Lambda's 4 KB environment limit once resolved: " + over + " (all: " + sizes + ")");
    }

    /** {"NAME":"value",...} with every value at its bound. */
    static int worstCaseJsonSize(Map<String, Object> variables, String stage) {
        int size = 2 + Math.max(0, variables.size() - 1);
        for (Map.Entry<String, Object> variable : variables.entrySet()) {
            size += jsonString(variable.getKey()) + 1 + bound(variable.getValue(), stage);
        }
        return size;
    }

    @SuppressWarnings("unchecked")
    private static int bound(Object value, String stage) {
        if (value instanceof String text) {
            if (text.contains("{{resolve:")) {
                if (text.equals("{{resolve:secretsmanager:skillforge-" + stage + "-media-signing-key:SecretString:::}}")) {
                    return MEDIA_SIGNING_KEY + 2;
                }
                fail("no size bound for the dynamic reference " + text);
            }
            return jsonString(text);
        }
        if (value instanceof Map<?, ?> intrinsic && intrinsic.size() == 1) {
            Map.Entry<String, Object> only = ((Map<String, Object>) intrinsic).entrySet().iterator().next();
            switch (only.getKey()) {
                case "Ref", "Fn::GetAtt" -> {
                    return TOKEN + 2;
                }
                case "Fn::Join" -> {
                    List<Object> join = (List<Object>) only.getValue();
                    String separator = (String) join.get(0);
                    List<Object> parts = (List<Object>) join.get(1);
                    if (parts.stream().anyMatch(part -> part instanceof String text && text.contains("{{resolve:"))) {
                        // Only the cursor secret is referenced by a token (its generated name): the media key by its given name.
                        if (parts.size() == 3 && "{{resolve:secretsmanager:".equals(parts.get(0)) && parts.get(1) instanceof Map<?, ?> ref
                                && String.valueOf(ref.get("Ref")).startsWith("CursorSecret") && ":SecretString:::}}".equals(parts.get(2))) {
                            return CURSOR_SECRET + 2;
                        }
                        fail("no size bound for the dynamic reference " + value);
                    }
                    int size = 2 + separator.length() * Math.max(0, parts.size() - 1);
                    for (Object part : parts) {
                        size += part instanceof String text ? jsonString(text) - 2 : TOKEN;
                    }
                    return size;
                }
                default -> fail("no size bound for " + value);
            }
        }
        fail("no size bound for " + value);
        return 0;
    }

    /** The length of a string in JSON, quotes and escapes included, in UTF-8 bytes. */
    static int jsonString(String text) {
        int size = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
                size += 2;
            } else if (c < 0x20) {
                size += 6;
            } else {
                size += String.valueOf(c).getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return size;
    }

    /** A user pool's JWKS as Cognito serves it: two RS256 keys of 2048 bits, kid a base64 SHA-256, compact JSON. */
    static Path cognitoShapedJwks() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            BigInteger modulus = ((RSAPublicKey) generator.generateKeyPair().getPublic()).getModulus();
            byte[] bytes = modulus.toByteArray();
            byte[] unsigned = bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
            String kid = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(unsigned));
            keys.add("{\"alg\":\"RS256\",\"e\":\"AQAB\",\"kid\":\"" + kid + "\",\"kty\":\"RSA\",\"n\":\""
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned) + "\",\"use\":\"sig\"}");
        }
        Path file = Files.createTempFile("jwks", ".json");
        Files.writeString(file, "{\"keys\":[" + String.join(",", keys) + "]}");
        return file;
    }
}
