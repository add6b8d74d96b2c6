package dev.skillforge.courses.app;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 presigner. It signs locally, so it needs only a region and credentials: on Lambda those are the
 * environment's (the function role's session keys), which also avoids the slower default provider chain.
 */
public class PresignerProducer {

    @Produces
    @Singleton
    S3Presigner presigner(AssetsConfig config) {
        Region region = config.region().map(Region::of).orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion());
        AwsCredentialsProvider credentials = config.localCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local-access-key", "local-secret-key"))
                : EnvironmentVariableCredentialsProvider.create();
        return S3Presigner.builder().region(region).credentialsProvider(credentials).build();
    }

    void close(@Disposes S3Presigner presigner) {
        presigner.close();
    }
}
