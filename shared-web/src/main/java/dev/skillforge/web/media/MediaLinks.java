package dev.skillforge.web.media;

import dev.skillforge.data.config.SkillForgeConfig;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * URLs for stored media. Covers and avatars are public through the CDN: base URL + key. Lesson files are CloudFront signed
 * URLs with a canned policy (the URL, an expiry), signed here with the JDK's RSA-SHA1, the scheme CloudFront verifies
 * against the distribution's key group: no network call and no SDK module for one signature. CloudFront serves byte ranges
 * of a signed URL like any other, so a player can seek in a video.
 */
@ApplicationScoped
public class MediaLinks {

    private final SkillForgeConfig.Media config;
    private final Clock clock;
    private final PrivateKey signingKey;
    /**
     * URLs signed in this step, by key: every read of a file within one step gets the same URL anyway, so a warm function
     * signs each file once per step. Emptied when it grows past {@link #SIGNED_CACHE_SIZE} (a step's working set is small).
     */
    private final Map<String, SignedUrl> signed = new ConcurrentHashMap<>();
    static final int SIGNED_CACHE_SIZE = 2_000;

    @Inject
    public MediaLinks(SkillForgeConfig config, Clock clock) {
        this(config.media(), clock);
    }

    MediaLinks(SkillForgeConfig.Media config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.signingKey = config.signingKey().map(MediaLinks::privateKey).orElse(null);
    }

    /** The public URL of a cover or avatar; null for no key. */
    public String publicUrl(String key) {
        return key == null ? null : base() + "/" + key;
    }

    /** A signed URL of a lesson file that expires within the configured lifetime (plus at most one step). */
    public SignedUrl signedUrl(String key) {
        if (signingKey == null || config.keyPairId().isEmpty()) {
            throw new IllegalStateException("skillforge.media.signing-key and key-pair-id are not set: lesson files cannot be signed");
        }
        long step = config.lessonFileUrlStep().toSeconds();
        long until = clock.instant().plus(config.lessonFileUrlLifetime()).getEpochSecond();
        long expires = (until + step - 1) / step * step;
        SignedUrl cached = signed.get(key);
        if (cached != null && cached.expiresAt().getEpochSecond() == expires) {
            return cached;
        }
        String resource = base() + "/" + key;
        // The canned policy CloudFront rebuilds from the URL and Expires: the same JSON, byte for byte, without spaces.
        String policy = "{\"Statement\":[{\"Resource\":\"" + resource + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":"
                + expires + "}}}]}";
        SignedUrl url = new SignedUrl(resource + "?Expires=" + expires + "&Signature=" + sign(policy) + "&Key-Pair-Id="
                + config.keyPairId().get(), Instant.ofEpochSecond(expires));
        if (signed.size() >= SIGNED_CACHE_SIZE) {
            signed.clear();
        }
        signed.put(key, url);
        return url;
    }

    private String sign(String policy) {
        try {
            Signature rsa = Signature.getInstance("SHA1withRSA");
            rsa.initSign(signingKey);
            rsa.update(policy.getBytes(StandardCharsets.UTF_8));
            // CloudFront's URL-safe base64: '+' '=' '/' become '-' '_' '~'.
            return Base64.getEncoder().encodeToString(rsa.sign()).replace('+', '-').replace('=', '_').replace('/', '~');
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a media URL", e);
        }
    }

    private String base() {
        String base = config.publicBaseUrl().orElseThrow(() -> new IllegalStateException(
                "skillforge.media.public-base-url (SKILLFORGE_MEDIA_PUBLIC_BASE_URL) is not set"));
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** A PKCS#8 PEM ("BEGIN PRIVATE KEY"), as `openssl genpkey -algorithm RSA` writes it. */
    static PrivateKey privateKey(String pem) {
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("skillforge.media.signing-key must be a PKCS#8 PEM (BEGIN PRIVATE KEY); convert an RSA "
                    + "key with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
        }
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("skillforge.media.signing-key is not a readable RSA private key", e);
        }
    }
}
