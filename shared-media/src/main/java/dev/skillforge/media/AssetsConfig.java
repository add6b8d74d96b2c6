package dev.skillforge.media;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The assets bucket, and how large and how long-lived an upload grant may be. */
@ConfigMapping(prefix = "skillforge.assets")
public interface AssetsConfig {

    /** SKILLFORGE_ASSETS_BUCKET on Lambda. */
    String bucket();

    /** How long a presigned PUT may start: S3 checks the expiry when the upload begins, not when it ends. */
    @WithDefault("5M")
    Duration uploadExpiry();

    /** How long after its grant an uploaded key may be attached; unattached objects are deleted after that. */
    @WithDefault("24H")
    Duration attachWindow();

    @WithDefault("5242880")
    long maxCoverBytes();

    @WithDefault("2097152")
    long maxAvatarBytes();

    @WithDefault("1073741824")
    long maxLessonFileBytes();

    /** Region of the bucket; absent means the function's own region (AWS_REGION on Lambda). */
    Optional<String> region();

    /** An S3 endpoint other than AWS's (the local cloud's S3 stand-in, served by path); absent on AWS. */
    Optional<URI> endpoint();
}
