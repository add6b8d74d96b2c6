package dev.skillforge.web.media;

import dev.skillforge.data.config.SkillForgeConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.skillforge.web.testing.MediaKeyTestConfig;
import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;
import software.amazon.awssdk.services.cloudfront.model.CannedSignerRequest;

class MediaLinksTest {

    private static final Map<String, String> TEST_CONFIG = new MediaKeyTestConfig().config();
    private static final Instant NOW = Instant.parse("2026-12-03T10:01:07Z");

    /** The settings as a function reads them, given directly. */
    record Settings(Optional<String> publicBaseUrl, Optional<String> keyPairId, Optional<String> signingKey, Duration lessonFileUrlLifetime,
            Duration lessonFileUrlStep) implements SkillForgeConfig.Media {
    }

    private static SkillForgeConfig.Media config(String base) {
        return new Settings(Optional.ofNullable(base), Optional.of(MediaKeyTestConfig.KEY_PAIR_ID),
                Optional.of(TEST_CONFIG.get("skillforge.media.signing-key")), Duration.ofHours(2), Duration.ofMinutes(10));
    }

    private static MediaLinks links(Instant at) {
        return new MediaLinks(config(MediaKeyTestConfig.BASE_URL + "/"), Clock.fixed(at, ZoneOffset.UTC));
    }

    @Test
    void publicUrlsAreTheBaseAndTheKey() {
        assertEquals(MediaKeyTestConfig.BASE_URL + "/courses/c1/cover/x.png", links(NOW).publicUrl("courses/c1/cover/x.png"));
        assertNull(links(NOW).publicUrl(null));
    }

    @Test
    void signedUrlsAreExactlyWhatAwsOwnSignerMakes() throws Exception {
        String key = "courses/c1/lessons/l1/f.mp4";
        SignedUrl ours = links(NOW).signedUrl(key);
        // Two hours, rounded up to the next ten minutes: 12:01:07 -> 12:10:00.
        assertEquals(Instant.parse("2026-12-03T12:10:00Z"), ours.expiresAt());
        java.security.PrivateKey privateKey = MediaLinks.privateKey(TEST_CONFIG.get("skillforge.media.signing-key"));
        String theirs = CloudFrontUtilities.create().getSignedUrlWithCannedPolicy(CannedSignerRequest.builder()
                .resourceUrl(MediaKeyTestConfig.BASE_URL + "/" + key)
                .privateKey(privateKey)
                .keyPairId(MediaKeyTestConfig.KEY_PAIR_ID)
                .expirationDate(ours.expiresAt())
                .build()).url();
        assertEquals(theirs, ours.url());
        assertTrue(MediaKeyTestConfig.verifies(ours.url(), NOW.getEpochSecond()));
        assertFalse(MediaKeyTestConfig.verifies(ours.url(), ours.expiresAt().getEpochSecond()), "expired at its Expires");
        assertFalse(MediaKeyTestConfig.verifies(ours.url().replace("/l1/", "/l2/"), NOW.getEpochSecond()), "bound to its file");
    }

    @Test
    void readsWithinOneStepShareTheirUrl() {
        String key = "courses/c1/lessons/l1/f.pdf";
        assertEquals(links(NOW).signedUrl(key), links(NOW.plusSeconds(120)).signedUrl(key));
        MediaLinks warm = links(NOW);
        assertSame(warm.signedUrl(key), warm.signedUrl(key), "a warm function signs a file once per step");
        assertTrue(links(NOW.plusSeconds(600)).signedUrl(key).expiresAt().isAfter(links(NOW).signedUrl(key).expiresAt()));
    }

    @Test
    void withoutAKeyNothingIsSignedAndABadKeySaysHowToFixIt() {
        SkillForgeConfig.Media unsigned = new Settings(Optional.of("https://cdn.example"), Optional.empty(), Optional.empty(),
                Duration.ofHours(1), Duration.ofMinutes(1));
        assertThrows(IllegalStateException.class, () -> new MediaLinks(unsigned, Clock.systemUTC()).signedUrl("courses/c/lessons/l/x.pdf"));
        IllegalArgumentException pkcs1 = assertThrows(IllegalArgumentException.class,
                () -> MediaLinks.privateKey("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"));
        assertTrue(pkcs1.getMessage().contains("openssl pkcs8"));
    }
}
