package dev.skillforge.courses.app;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Where course files go and how large and how long-lived an upload grant may be. */
@ConfigMapping(prefix = "skillforge.assets")
public interface AssetsConfig {

    String bucket();

    Duration uploadExpiry();

    long maxCoverBytes();

    long maxLessonFileBytes();

    /** Region of the bucket; absent means the function's own region (AWS_REGION on Lambda). */
    Optional<String> region();

    /** An S3 endpoint other than AWS's (the local cloud's S3 stand-in); absent on AWS. */
    Optional<java.net.URI> endpoint();
}
