package dev.skillforge.courses.app;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where course files go and how large and how long-lived an upload grant may be. */
@ConfigMapping(prefix = "skillforge.assets")
public interface AssetsConfig {

    String bucket();

    Duration uploadExpiry();

    long maxCoverBytes();

    long maxLessonFileBytes();

    /** Region of the bucket; absent means the function's own region (AWS_REGION on Lambda). */
    Optional<String> region();

    /** Sign with fixed fake keys (local run and tests only). */
    @WithDefault("false")
    boolean localCredentials();
}
