package dev.skillforge.web.media;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where media is delivered from (the CDN in front of the assets bucket) and how lesson files are signed. */
@ConfigMapping(prefix = "skillforge.media")
public interface MediaConfig {

    /** SKILLFORGE_MEDIA_PUBLIC_BASE_URL: https://<distribution domain> on AWS, the local CDN's URL locally. */
    Optional<String> publicBaseUrl();

    /** SKILLFORGE_MEDIA_KEY_PAIR_ID: the id of the CloudFront public key whose private half signs (courses-service only). */
    Optional<String> keyPairId();

    /**
     * SKILLFORGE_MEDIA_SIGNING_KEY: the RSA private key as PKCS#8 PEM. On AWS, CloudFormation resolves it from Secrets
     * Manager at deploy time (the template holds only the reference), so no request waits on Secrets Manager.
     */
    Optional<String> signingKey();

    /** How long a lesson file's signed URL lasts: long enough to watch a lesson, short enough that a shared link dies. */
    @WithDefault("2H")
    Duration lessonFileUrlLifetime();

    /**
     * Signed URLs expire on multiples of this, so the same lesson read twice within it carries the same URL (its ETag
     * holds, and a browser's cached copy of the file stays valid) while no URL lives longer than lifetime + step.
     */
    @WithDefault("10M")
    Duration lessonFileUrlStep();
}
