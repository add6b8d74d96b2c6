package dev.skillforge.data.paging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.problem.InvalidCursor;
import dev.skillforge.data.table.KeyPosition;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CursorCodecTest {

    static final String SECRET = "a-cursor-secret-of-at-least-32-characters!";
    static final String SCOPE = "GSI1:course#c-4711#reviews";

    final CursorCodec codec = CursorCodec.forLists(SECRET);
    /** A review list's LastEvaluatedKey, as DynamoDB returns it. */
    final Map<String, AttributeValue> lastKey = Map.of(
            "GSI1PK", AttributeValue.fromS("course#c-4711#reviews"),
            "GSI1SK", AttributeValue.fromS("2026-01-01T00:00:00.000Z#reviewer-0815"),
            "PK", AttributeValue.fromS("course#c-4711"),
            "SK", AttributeValue.fromS("review#reviewer-0815"));
    final KeyPosition reviews = KeyPosition.of(TableDesign.GSI1, "course#c-4711#reviews");

    @Test
    void roundTripsAPositionWithinItsList() {
        String cursor = codec.encode(SCOPE, reviews.values(lastKey));
        assertEquals(lastKey, reviews.startKey(codec.decode(SCOPE, cursor, 3)));
        List<String> odd = List.of("", "ünïcødé ✓", "x".repeat(300), "a#b|c,d");
        assertEquals(odd, codec.decode("s", codec.encode("s", odd)));
    }

    @Test
    void noPositionMeansNoCursorAndNoCursorMeansTheFirstPage() {
        assertNull(codec.encode("s", List.of()));
        assertNull(codec.encode("s", null));
        assertNull(codec.decode("s", null));
        assertNull(codec.decode("s", null, 3));
    }

    @Test
    void aCursorNamesNothingAndShowsNoValueOfTheItem() {
        String cursor = codec.encode(SCOPE, reviews.values(lastKey));
        byte[] decoded = Base64.getUrlDecoder().decode(cursor);
        String bytesAsText = new String(decoded, StandardCharsets.ISO_8859_1);
        for (String visible : List.of("GSI1", "GSI1PK", "GSI1SK", "course", "review", "c-4711", "reviewer", "0815", "2026", "T00:00",
                "\"PK\"", "\"SK\"", "PK:", "SK:", "@scope")) {
            assertFalse(cursor.contains(visible), visible + " in the cursor " + cursor);
            assertFalse(bytesAsText.contains(visible), visible + " in the cursor's bytes");
        }
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), "URL-safe without escaping: " + cursor);
        assertNotEquals(cursor, codec.encode(SCOPE, reviews.values(lastKey)), "a fresh nonce per cursor: two cursors of one place differ");
    }

    @Test
    void aCursorIsCompactAndBounded() {
        String cursor = codec.encode(SCOPE, reviews.values(lastKey));
        assertTrue(cursor.length() < 160, cursor.length() + " characters");
        List<String> largest = List.of("1767225600000", "x".repeat(254) + "#" + "u".repeat(36), "user#" + "u".repeat(36), "profile");
        assertTrue(codec.encode("GSI1:users#role#student", largest).length() <= CursorCodec.MAX_CURSOR_CHARS);
        assertThrows(IllegalStateException.class, () -> codec.encode("s", List.of("x".repeat(CursorCodec.MAX_PLAINTEXT_BYTES))));
        assertThrows(InvalidCursor.class, () -> codec.decode("s", "A".repeat(CursorCodec.MAX_CURSOR_CHARS + 1)));
    }

    @Test
    void everyChangedByteIsRefused() {
        String cursor = codec.encode(SCOPE, reviews.values(lastKey));
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);
        for (int i = 0; i < bytes.length; i++) {
            for (int bit : new int[] { 0x01, 0x80 }) {
                byte[] changed = bytes.clone();
                changed[i] ^= (byte) bit;
                String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
                assertThrows(InvalidCursor.class, () -> codec.decode(SCOPE, tampered), "byte " + i);
            }
        }
    }

    @Test
    void everyChangedCharacterTruncationAndAdditionIsRefused() {
        String cursor = codec.encode(SCOPE, reviews.values(lastKey));
        for (int i = 0; i < cursor.length(); i++) {
            char c = cursor.charAt(i);
            for (char other : new char[] { 'A', 'B', '-', '_' }) {
                if (other != c) {
                    String tampered = cursor.substring(0, i) + other + cursor.substring(i + 1);
                    assertThrows(InvalidCursor.class, () -> codec.decode(SCOPE, tampered), "position " + i);
                }
            }
        }
        for (int length = 0; length < cursor.length(); length++) {
            String truncated = cursor.substring(0, length);
            assertThrows(InvalidCursor.class, () -> codec.decode(SCOPE, truncated), "first " + length + " characters");
        }
        for (String added : List.of("A", "=", "==", ".", " ")) {
            assertThrows(InvalidCursor.class, () -> codec.decode(SCOPE, cursor + added), "with " + added);
        }
    }

    @Test
    void aCursorOpensOnlyInTheListThatIssuedIt() {
        String cursor = codec.encode("GSI1:users#role#student:placed", List.of("1", "a", "b", "c"));
        for (String other : List.of("GSI1:users#role#admin:placed", "GSI1:users#role#student", "GSI1:users#role#students:placed",
                "enrollments:user:bob", "search:java")) {
            assertThrows(InvalidCursor.class, () -> codec.decode(other, cursor), other);
        }
        assertEquals(List.of("1", "a", "b", "c"), codec.decode("GSI1:users#role#student:placed", cursor));
    }

    @Test
    void aCursorOfAnotherSecretOrPurposeIsRefused() {
        List<String> position = reviews.values(lastKey);
        String otherSecret = CursorCodec.forLists("another-cursor-secret-of-32-characters!!").encode(SCOPE, position);
        String resumeToken = new CursorCodec(SECRET, CursorPurpose.RESUME).encode(SCOPE, position);
        assertThrows(InvalidCursor.class, () -> codec.decode(SCOPE, otherSecret));
        assertThrows(InvalidCursor.class, () -> codec.decode(SCOPE, resumeToken));
    }

    @Test
    void aCursorWithAnotherNumberOfValuesIsRefused() {
        String cursor = codec.encode(SCOPE, List.of("a", "b"));
        assertThrows(InvalidCursor.class, () -> codec.decode(SCOPE, cursor, 3));
        assertThrows(InvalidCursor.class, () -> codec.decode(SCOPE, cursor, 1));
    }

    @Test
    void theEarlierSignedFormatAndGarbageAreRefused() throws Exception {
        String old = earlierSignedCursor(SECRET, SCOPE, lastKey);
        assertThrows(InvalidCursor.class, () -> codec.decode(SCOPE, old));
        for (String bad : new String[] { "", ".", "abc", "abc.def", "%%%.%%%", "eyJ4IjoxfQ", "AQ", "x".repeat(5000),
                old.substring(0, old.indexOf('.')) }) {
            assertThrows(InvalidCursor.class, () -> codec.decode(SCOPE, bad), bad);
        }
    }

    @Test
    void shortSecretsAreRefusedAtStartup() {
        assertThrows(IllegalStateException.class, () -> CursorCodec.forLists("short"));
        assertThrows(IllegalStateException.class, () -> CursorCodec.forLists(null));
    }

    @Test
    void keysAreDerivedWithHkdfSha256() {
        // RFC 5869, test case 1: the first 32 bytes of its output key material
        byte[] okm = CursorKeys.hkdfSha256(HexFormat.of().parseHex("000102030405060708090a0b0c"),
                HexFormat.of().parseHex("0b".repeat(22)), HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9"));
        assertArrayEquals(HexFormat.of().parseHex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"), okm);
        CursorKeys list = CursorKeys.derive(SECRET, CursorPurpose.LIST);
        CursorKeys resume = CursorKeys.derive(SECRET, CursorPurpose.RESUME);
        assertFalse(java.util.Arrays.equals(list.cipher().getEncoded(), resume.cipher().getEncoded()));
        assertFalse(java.util.Arrays.equals(list.cipher().getEncoded(), list.nonce().getEncoded()));
        assertEquals(32, list.cipher().getEncoded().length);
    }

    /** A cursor as the codec wrote them before: base64url JSON of the key and scope, a dot, an HMAC-SHA256 signature. */
    private static String earlierSignedCursor(String key, String scope, Map<String, AttributeValue> lastKey) throws Exception {
        Map<String, String> payload = new TreeMap<>();
        lastKey.forEach((name, value) -> payload.put(name, "S:" + value.s()));
        payload.put("@scope", scope);
        StringBuilder json = new StringBuilder("{");
        payload.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":\"").append(value).append('"'));
        byte[] body = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(body) + "." + encoder.encodeToString(mac.doFinal(body));
    }
}
