package dev.skillforge.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.media.MediaPurpose;

class MediaTypesTest {

    /** The first bytes of a real file of each type. */
    static final Map<String, byte[]> HEADS = Map.of(
            "image/jpeg", bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1),
            "image/png", bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D),
            "image/webp", bytes('R', 'I', 'F', 'F', 0x24, 0, 0, 0, 'W', 'E', 'B', 'P'),
            "video/mp4", bytes(0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'),
            "video/webm", bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 1, 0x42, 0xF7, 0x81),
            "audio/mpeg", bytes('I', 'D', '3', 4, 0, 0, 0, 0, 0, 0x23, 'T', 'S'),
            "application/pdf", "%PDF-1.7\n%\u00e2".getBytes(StandardCharsets.ISO_8859_1));

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void eachTypeRecognisesItsOwnFilesAndNoOther() {
        HEADS.forEach((type, head) -> HEADS.forEach((other, otherHead) -> assertEquals(type.equals(other),
                MediaTypes.looksLike(type, otherHead), type + " vs a " + other + " file")));
        assertTrue(MediaTypes.looksLike("audio/mpeg", bytes(0xFF, 0xFB, 0x90, 0x64)), "an MPEG frame without a tag");
        assertFalse(MediaTypes.looksLike("image/png", new byte[0]));
        assertFalse(MediaTypes.looksLike("text/html", "<html>".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void purposesAcceptTheirTypesOnly() {
        assertEquals(Optional.of("png"), MediaTypes.extension(MediaPurpose.COVER, "image/png"));
        assertEquals(Optional.empty(), MediaTypes.extension(MediaPurpose.COVER, "video/mp4"));
        assertEquals(Optional.of("mp4"), MediaTypes.extension(MediaPurpose.LESSON_FILE, "video/mp4"));
        assertEquals(Optional.empty(), MediaTypes.extension(MediaPurpose.AVATAR, "application/pdf"));
        assertEquals(java.util.List.of("image/jpeg", "image/png", "image/webp"), MediaTypes.accepted(MediaPurpose.AVATAR));
    }
}
