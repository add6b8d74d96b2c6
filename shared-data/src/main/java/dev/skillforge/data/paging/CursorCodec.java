package dev.skillforge.data.paging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillforge.data.config.SkillForgeConfig;
import dev.skillforge.data.problem.InvalidCursor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque, tamper-proof pagination cursors. A cursor is the LastEvaluatedKey (strings and numbers only)
 * plus the scope of the query that issued it, HMAC-SHA256 signed. A changed byte, a cursor from another
 * list (another user, course, filter or search) or garbage is an {@link InvalidCursor}, never a query.
 */
@Singleton
public class CursorCodec {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final TypeReference<Map<String, String>> PAYLOAD = new TypeReference<>() {
    };
    private static final String SCOPE_FIELD = "@scope";

    private final SecretKeySpec key;
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    public CursorCodec(SkillForgeConfig config) {
        this(config.cursor().signingKey());
    }

    public CursorCodec(String signingKey) {
        if (signingKey == null || signingKey.length() < 32) {
            throw new IllegalStateException("skillforge.cursor.signing-key must be at least 32 characters");
        }
        this.key = new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String encode(String scope, Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        Map<String, String> payload = new TreeMap<>();
        lastEvaluatedKey.forEach((name, value) -> payload.put(name, value.n() != null ? "N:" + value.n() : "S:" + value.s()));
        payload.put(SCOPE_FIELD, scope);
        try {
            byte[] body = json.writeValueAsBytes(payload);
            return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(sign(body));
        } catch (Exception e) {
            throw new IllegalStateException("cursor could not be written", e);
        }
    }

    public Map<String, AttributeValue> decode(String scope, String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            int dot = cursor.indexOf('.');
            if (dot <= 0 || cursor.length() > 2048) {
                throw new InvalidCursor();
            }
            byte[] body = DECODER.decode(cursor.substring(0, dot));
            byte[] signature = DECODER.decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(sign(body), signature)) {
                throw new InvalidCursor();
            }
            Map<String, String> payload = json.readValue(body, PAYLOAD);
            if (!scope.equals(payload.remove(SCOPE_FIELD))) {
                throw new InvalidCursor();
            }
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            payload.forEach((name, value) -> key.put(name, value.startsWith("N:")
                    ? AttributeValue.fromN(value.substring(2))
                    : AttributeValue.fromS(value.substring(2))));
            return key;
        } catch (InvalidCursor e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidCursor();
        }
    }

    private byte[] sign(byte[] body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(ALGORITHM);
        mac.init(key);
        return mac.doFinal(body);
    }
}
