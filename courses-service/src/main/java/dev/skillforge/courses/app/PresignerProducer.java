package dev.skillforge.courses.app;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 presigner. It signs locally (no network call), so it needs only a region and credentials, both from the
 * SDK's default chains: on provided.al2023 Lambda puts the role's session keys in the environment, but a SnapStart
 * function has none there and gets them from the container credentials endpoint instead
 * (AWS_CONTAINER_CREDENTIALS_FULL_URI), which only the default chain reads. The local cloud hands them over the same
 * two ways and checks the signatures.
 */
public class PresignerProducer {

    @Produces
    @Singleton
    S3Presigner presigner(AssetsConfig config) {
        Region region = config.region().map(Region::of).orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion());
        S3Presigner.Builder presigner = S3Presigner.builder()
                .region(region)
                .credentialsProvider(DefaultCredentialsProvider.builder().build());
        // Only the local cloud sets an endpoint; its S3 stand-in serves buckets by path, not by host name.
        config.endpoint().ifPresent(endpoint -> presigner.endpointOverride(endpoint)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        return presigner.build();
    }

    void close(@Disposes S3Presigner presigner) {
        presigner.close();
    }
}
