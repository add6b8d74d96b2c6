package dev.skillforge.data.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Cursors as an attacker or an old client would send them, and what a cursor must not show. */
public final class Cursors {

    /** Key, index and item-kind names a readable cursor would carry (long enough not to occur in random bytes by chance). */
    private static final List<String> NAMES = List.of("GSI1", "GSI2", "GSI3", "\"PK\"", "\"SK\"", "PK:", "SK:", "course#", "user#",
            "review#", "enroll#", "audit#", "published", "top-rated", "@scope");

    private Cursors() {
    }

    /**
     * A cursor in the format before cursors were sealed: base64url of a JSON object of the LastEvaluatedKey ("S:" values)
     * and the scope, a dot, and its HMAC-SHA256 with the test secret (as the signing key was then).
     */
    public static String earlierSignedFormat(String scope, Map<String, String> lastEvaluatedKey) {
        Map<String, String> payload = new TreeMap<>();
        lastEvaluatedKey.forEach((name, value) -> payload.put(name, "S:" + value));
        payload.put("@scope", scope);
        StringBuilder json = new StringBuilder("{");
        payload.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":\"")
                .append(value).append('"'));
        byte[] body = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(TestTable.CURSOR_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
            return encoder.encodeToString(body) + "." + encoder.encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Neither the cursor nor its base64 decoding shows a key name or one of {@code values} (ids, keys of the page). */
    public static void assertOpaque(String cursor, Collection<String> values) {
        assertNotNull(cursor, "a next cursor");
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), "URL-safe: " + cursor);
        String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
        List<String> hidden = new ArrayList<>(NAMES);
        values.stream().filter(value -> value != null && value.length() >= 4).forEach(hidden::add);
        for (String text : hidden) {
            assertFalse(cursor.contains(text), text + " in the cursor " + cursor);
            assertFalse(decoded.contains(text), text + " in the cursor's bytes");
        }
    }
}
