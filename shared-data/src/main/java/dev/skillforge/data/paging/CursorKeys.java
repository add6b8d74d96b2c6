package dev.skillforge.data.paging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys cursors are sealed with, derived from the configured secret ({@code skillforge.cursor.secret}) by HKDF-SHA256
 * (RFC 5869, extract then expand, built on the JDK's HMAC): per {@link CursorPurpose} an AES-256 key and a key for the
 * nonces, and the secret itself is never used as a key.
 */
record CursorKeys(SecretKey cipher, SecretKey nonce) {

    /** The generated secret has 48; fewer than 32 characters is a configuration mistake, refused at startup. */
    static final int MIN_SECRET_CHARS = 32;
    private static final String HMAC = "HmacSHA256";
    /** Fixed and public: HKDF's salt only separates this derivation from any other use of the same secret. */
    private static final byte[] SALT = "skillforge/cursor-keys/v1".getBytes(StandardCharsets.UTF_8);
    private static final int KEY_BYTES = 32;

    static CursorKeys derive(String secret, CursorPurpose purpose) {
        if (secret == null || secret.length() < MIN_SECRET_CHARS) {
            throw new IllegalStateException("skillforge.cursor.secret must be at least " + MIN_SECRET_CHARS + " characters");
        }
        return new CursorKeys(expand(secret, purpose.label() + "/aes-256-gcm", "AES"), expand(secret, purpose.label() + "/nonce", HMAC));
    }

    private static SecretKey expand(String secret, String label, String algorithm) {
        byte[] material = secret.getBytes(StandardCharsets.UTF_8);
        byte[] okm = hkdfSha256(SALT, material, label.getBytes(StandardCharsets.UTF_8));
        try {
            return new SecretKeySpec(okm, algorithm);
        } finally {
            Arrays.fill(material, (byte) 0);
            Arrays.fill(okm, (byte) 0);
        }
    }

    /** HKDF-SHA256 of RFC 5869 for one block of output key material (32 bytes: T(1) = HMAC(PRK, info | 0x01)). */
    static byte[] hkdfSha256(byte[] salt, byte[] inputKeyMaterial, byte[] info) {
        byte[] pseudoRandomKey = hmac(salt, inputKeyMaterial);
        byte[] block = Arrays.copyOf(info, info.length + 1);
        block[info.length] = 1;
        try {
            return Arrays.copyOf(hmac(pseudoRandomKey, block), KEY_BYTES);
        } finally {
            Arrays.fill(pseudoRandomKey, (byte) 0);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
