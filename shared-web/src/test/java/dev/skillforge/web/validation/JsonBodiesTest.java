package dev.skillforge.web.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.problem.UnsupportedMediaType;

class JsonBodiesTest {

    @Test
    void onlyJsonInUtf8IsAccepted() {
        for (String json : new String[] { "application/json", "Application/JSON", "application/json; charset=utf-8",
                "application/json;charset=\"UTF-8\"" }) {
            assertDoesNotThrow(() -> JsonBodies.requireJson(json), json);
        }
        for (String other : new String[] { null, "", "text/plain", "application/xml", "*/*", "application/*", "application/problem+json",
                "application/json-patch+json", "application/json; charset=latin1", "application/json; charset=utf-16", "application/json; charset=utf8",
                "not a media type" }) {
            UnsupportedMediaType refused = assertThrows(UnsupportedMediaType.class, () -> JsonBodies.requireJson(other), String.valueOf(other));
            assertEquals(415, refused.status());
        }
    }

    @Test
    void bodiesMustBeUtf8WithoutZeroBytesOrReplacementCharacters() {
        assertTrue(JsonBodies.isUtf8Json("{\"t\":\"caf\u00E9 \u6f22 \uD83D\uDE00 \\ufffd\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(JsonBodies.isUtf8Json(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}' }));
        assertFalse(JsonBodies.isUtf8Json("{\"t\":\"caf\u00E9\"}".getBytes(StandardCharsets.ISO_8859_1)));
        assertFalse(JsonBodies.isUtf8Json("{}".getBytes(StandardCharsets.UTF_16LE)));
        assertFalse(JsonBodies.isUtf8Json("{}".getBytes(StandardCharsets.UTF_16BE)));
        assertFalse(JsonBodies.isUtf8Json("{\"t\":\"\uFFFD\"}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(JsonBodies.isUtf8Json(new byte[] { '{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}' })); // an encoded surrogate
        assertFalse(JsonBodies.isUtf8Json(new byte[] { '{', '"', (byte) 0xC0, (byte) 0xAF, '"', '}' })); // an overlong '/'
        assertFalse(JsonBodies.isUtf8Json(new byte[] { '{', '"', (byte) 0xF0, (byte) 0x9F, '"', '}' })); // cut short
    }
}
