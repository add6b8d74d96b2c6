package dev.skillforge.media;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.skillforge.data.media.MediaPurpose;

/**
 * The file types each purpose accepts, the extension its keys get, and how each type's first bytes look: a client
 * chooses the Content-Type it uploads with, so an attach checks the bytes too, not only the header S3 stored.
 */
public final class MediaTypes {

    /** How many leading bytes {@link #looksLike} needs at most. */
    public static final int SNIFF_BYTES = 12;

    private static final Map<String, String> EXTENSIONS = Map.of("image/jpeg", "jpg", "image/png", "png", "image/webp", "webp",
            "video/mp4", "mp4", "video/webm", "webm", "audio/mpeg", "mp3", "application/pdf", "pdf");
    private static final Map<MediaPurpose, List<String>> ACCEPTED = Map.of(
            MediaPurpose.COVER, List.of("image/jpeg", "image/png", "image/webp"),
            MediaPurpose.AVATAR, List.of("image/jpeg", "image/png", "image/webp"),
            MediaPurpose.LESSON_FILE, List.of("application/pdf", "audio/mpeg", "image/jpeg", "image/png", "video/mp4", "video/webm"));

    private MediaTypes() {
    }

    /** The types a purpose accepts, sorted (they appear in field errors). */
    public static List<String> accepted(MediaPurpose purpose) {
        return ACCEPTED.get(purpose).stream().sorted().toList();
    }

    public static Optional<String> extension(MediaPurpose purpose, String contentType) {
        return ACCEPTED.get(purpose).contains(contentType) ? Optional.of(EXTENSIONS.get(contentType)) : Optional.empty();
    }

    /** Whether a file's first bytes are those of {@code contentType} (its signature, as the format defines it). */
    public static boolean looksLike(String contentType, byte[] head) {
        return switch (contentType) {
            case "image/jpeg" -> startsWith(head, 0, 0xFF, 0xD8, 0xFF);
            case "image/png" -> startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
            case "image/webp" -> startsWith(head, 0, 'R', 'I', 'F', 'F') && startsWith(head, 8, 'W', 'E', 'B', 'P');
            // ISO base media: a box size, then the 'ftyp' box type.
            case "video/mp4" -> startsWith(head, 4, 'f', 't', 'y', 'p');
            // EBML header.
            case "video/webm" -> startsWith(head, 0, 0x1A, 0x45, 0xDF, 0xA3);
            // An ID3v2 tag, or straight into an MPEG audio frame (11 sync bits).
            case "audio/mpeg" -> startsWith(head, 0, 'I', 'D', '3') || (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0);
            case "application/pdf" -> startsWith(head, 0, '%', 'P', 'D', 'F', '-');
            default -> false;
        };
    }

    private static boolean startsWith(byte[] bytes, int offset, int... expected) {
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
