package dev.skillforge.data.paging;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;

import dev.skillforge.data.config.SkillForgeConfig;
import dev.skillforge.data.problem.InvalidCursor;

/**
 * Opaque pagination cursors: a list's position, sealed with AES-256-GCM so nobody can read or change it.
 * <p>
 * A position is a short list of values in an order the list defines (no attribute or index names). The cursor is
 * {@code base64url(version | nonce | ciphertext | tag)}: a version byte, a random 96-bit nonce per cursor, and the values'
 * encryption, authenticated together with the version and the <em>scope</em> of the list that issued it (its index,
 * partition, user, filter or search words) as associated data. So a changed, truncated or appended character, a cursor
 * of another list, of another key, or of an earlier format is an {@link InvalidCursor}, never a query.
 * <p>
 * The nonce is an HMAC of 16 fresh random bytes, the scope and the values: random per cursor, and should the random
 * bytes ever repeat (two function instances restored from one SnapStart snapshot with one generator state), a repeated
 * nonce comes only with the same scope and values, that is the same cursor, which reveals nothing GCM must keep.
 */
@Singleton
public class CursorCodec {

    static final byte VERSION = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    /** The values of the largest position (a users-by-email list: an email of up to 254 characters and two keys) fit. */
    static final int MAX_PLAINTEXT_BYTES = 700;
    static final int MAX_CURSOR_CHARS = (1 + NONCE_BYTES + MAX_PLAINTEXT_BYTES + TAG_BYTES + 2) / 3 * 4;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private static final int RANDOM_BYTES = 16;

    private final CursorKeys keys;
    private final SecureRandom random = new SecureRandom();

    /** The HTTP lists' codec: the list key derived from {@code skillforge.cursor.secret}. */
    @Inject
    public CursorCodec(SkillForgeConfig config) {
        this(config.cursor().secret(), CursorPurpose.LIST);
    }

    public CursorCodec(String secret, CursorPurpose purpose) {
        this.keys = CursorKeys.derive(secret, purpose);
    }

    /** A list codec from the secret itself (tests, tools). */
    public static CursorCodec forLists(String secret) {
        return new CursorCodec(secret, CursorPurpose.LIST);
    }

    /** The cursor of {@code position} in the list {@code scope}; null for no position (the last page). */
    public String encode(String scope, List<String> position) {
        if (position == null || position.isEmpty()) {
            return null;
        }
        byte[] plaintext = pack(position);
        if (plaintext.length > MAX_PLAINTEXT_BYTES) {
            throw new IllegalStateException("a cursor position of " + plaintext.length + " bytes exceeds " + MAX_PLAINTEXT_BYTES);
        }
        byte[] associatedData = associatedData(scope);
        try {
            byte[] nonce = nonce(associatedData, plaintext);
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.cipher(), new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ENCODER.encodeToString(ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(VERSION).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a cursor could not be sealed", e);
        }
    }

    /** The position a cursor of the list {@code scope} holds; null for no cursor (the first page). */
    public List<String> decode(String scope, String cursor) {
        if (cursor == null) {
            return null;
        }
        if (cursor.isEmpty() || cursor.length() > MAX_CURSOR_CHARS) {
            throw new InvalidCursor();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(cursor);
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidCursor();
        }
        // One text per cursor: padding or changed unused bits that decode to the same bytes are refused too.
        if (bytes.length < 1 + NONCE_BYTES + TAG_BYTES || bytes[0] != VERSION || !ENCODER.encodeToString(bytes).equals(cursor)) {
            throw new InvalidCursor();
        }
        byte[] plaintext;
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, keys.cipher(), new GCMParameterSpec(TAG_BYTES * 8, bytes, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData(scope));
            plaintext = cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException wrongKeyScopeOrBytes) {
            throw new InvalidCursor();
        }
        return unpack(plaintext);
    }

    /** {@link #decode}, for a list whose positions have exactly {@code count} values. */
    public List<String> decode(String scope, String cursor, int count) {
        List<String> position = decode(scope, cursor);
        if (position != null && position.size() != count) {
            throw new InvalidCursor();
        }
        return position;
    }

    private byte[] nonce(byte[] associatedData, byte[] plaintext) throws GeneralSecurityException {
        byte[] fresh = new byte[RANDOM_BYTES];
        random.nextBytes(fresh);
        Mac mac = Mac.getInstance(keys.nonce().getAlgorithm());
        mac.init(keys.nonce());
        mac.update(fresh);
        mac.update(ByteBuffer.allocate(4).putInt(associatedData.length).array());
        mac.update(associatedData);
        return Arrays.copyOf(mac.doFinal(plaintext), NONCE_BYTES);
    }

    private static byte[] associatedData(String scope) {
        byte[] scopeBytes = scope.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + scopeBytes.length).put(VERSION).put(scopeBytes).array();
    }

    /** Each value as its UTF-8 length (unsigned LEB128) and bytes. */
    private static byte[] pack(List<String> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String value : values) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            int length = bytes.length;
            while (length >= 0x80) {
                out.write((length & 0x7F) | 0x80);
                length >>>= 7;
            }
            out.write(length);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static List<String> unpack(byte[] plaintext) {
        // Only our own sealed bytes get here; still, nothing in them is trusted to be well formed.
        List<String> values = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(plaintext);
        try {
            while (in.hasRemaining()) {
                int length = 0;
                for (int shift = 0;; shift += 7) {
                    int b = in.get() & 0xFF;
                    length |= (b & 0x7F) << shift;
                    if ((b & 0x80) == 0) {
                        break;
                    }
                    if (shift >= 14) {
                        throw new InvalidCursor();
                    }
                }
                if (length > in.remaining()) {
                    throw new InvalidCursor();
                }
                ByteBuffer value = in.slice(in.position(), length);
                in.position(in.position() + length);
                values.add(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(value).toString());
            }
        } catch (java.nio.BufferUnderflowException | CharacterCodingException malformed) {
            throw new InvalidCursor();
        }
        if (values.isEmpty()) {
            throw new InvalidCursor();
        }
        return values;
    }
}
