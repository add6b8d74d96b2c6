package dev.skillforge.infra;

import java.util.List;

import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudfront.AddBehaviorOptions;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.CachedMethods;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.IOrigin;
import software.amazon.awscdk.services.cloudfront.KeyGroup;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.PublicKey;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * Course media out of the private assets bucket: a CloudFront distribution reading it through origin access control
 * (the bucket keeps blocking public access), public behaviors for covers and avatars, and every other key, lesson files
 * first, only through a CloudFront signed URL of the key group. The functions sign those URLs themselves (canned policy,
 * RSA-SHA1) with a private key the operator keeps in a secret created outside the stack; the template holds only the
 * public key (a parameter) and a dynamic reference to the secret, never the private key.
 */
final class MediaDelivery extends Construct {

    /** The template parameter carrying the public key PEM; its private half is the secret's value. */
    static final String PUBLIC_KEY_PARAMETER = "MediaSigningPublicKey";
    static final String COVERS = "courses/*/cover/*";
    static final String LESSON_FILES = "courses/*/lessons/*";
    static final String AVATARS = "users/*/avatar/*";

    private final Distribution distribution;
    private final PublicKey publicKey;
    private final ISecret signingSecret;

    MediaDelivery(Construct scope, String id, IBucket assets, DeploySettings settings) {
        super(scope, id);
        // On the stack itself, so its logical id (the name given to cdk deploy --parameters) is exactly this.
        CfnParameter publicKeyPem = CfnParameter.Builder.create(Stack.of(this), PUBLIC_KEY_PARAMETER)
                .type("String")
                .description("PEM of the RSA-2048 public key whose private key is in the secret skillforge-"
                        + settings.stage().id() + "-media-signing-key (-----BEGIN PUBLIC KEY-----)")
                .build();
        publicKey = PublicKey.Builder.create(this, "PublicKey")
                .encodedKey(publicKeyPem.getValueAsString())
                .comment("SkillForge " + settings.stage().id() + " media URL signing key")
                .build();
        KeyGroup keyGroup = KeyGroup.Builder.create(this, "KeyGroup")
                .items(List.of(publicKey))
                .comment("Signers of SkillForge " + settings.stage().id() + " lesson file URLs")
                .build();
        // Created by the operator, never by the stack: deleting the stack must not take the key with it, and the value
        // must never pass through the template or cdk.out.
        signingSecret = Secret.fromSecretNameV2(this, "SigningKey", "skillforge-" + settings.stage().id() + "-media-signing-key");

        // Origin access control (SigV4, always signed); CDK adds the bucket policy statement letting only this
        // distribution read objects (s3:GetObject, conditioned on its ARN). No s3:ListBucket: a missing key is a 403.
        IOrigin origin = S3BucketOrigin.withOriginAccessControl(assets);
        // Object keys are never reused (each upload gets a new id, a replacement a new key), so the managed
        // CachingOptimized policy's long TTLs are safe (a deleted object may linger at an edge for its default TTL, a
        // day: S3 sends no Cache-Control); its cache key has no query string, header or cookie, so the
        // Expires/Signature/Key-Pair-Id parameters of signed URLs do not split one object into many cache entries.
        distribution = Distribution.Builder.create(this, "Distribution")
                .comment("SkillForge " + settings.stage().id() + " course media")
                // Nothing public except what a behavior below makes public: any other key needs a signed URL.
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(origin)
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                        .cachedMethods(CachedMethods.CACHE_GET_HEAD)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                        .trustedKeyGroups(List.of(keyGroup))
                        .build())
                .priceClass(PriceClass.PRICE_CLASS_100)
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .enableIpv6(true)
                .build();
        // First match wins and '*' spans '/', so lesson files come before covers: a key under lessons/ is never
        // served by the public pattern, whatever its ids contain.
        // Range requests (video seeking) need nothing here: CloudFront forwards a viewer's Range to an S3 origin, answers
        // 206 and caches the ranges it fetched. Lesson files are not compressed on the way: video, audio and PDFs are
        // compressed already, and a range must address the stored bytes.
        distribution.addBehavior(LESSON_FILES, origin, readOnly().trustedKeyGroups(List.of(keyGroup)).compress(false).build());
        distribution.addBehavior(COVERS, origin, readOnly().build());
        distribution.addBehavior(AVATARS, origin, readOnly().build());
    }

    /** GET and HEAD over HTTPS, cached by CachingOptimized: what every media behavior shares. */
    private static AddBehaviorOptions.Builder readOnly() {
        return AddBehaviorOptions.builder()
                .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                .cachedMethods(CachedMethods.CACHE_GET_HEAD)
                .cachePolicy(CachePolicy.CACHING_OPTIMIZED);
    }

    /** {@code https://<distribution domain>}: a public object's URL is this, a slash and its key. */
    String publicBaseUrl() {
        return "https://" + distribution.getDistributionDomainName();
    }

    /** The CloudFront public key id: the Key-Pair-Id of every signed URL. */
    String keyPairId() {
        return publicKey.getPublicKeyId();
    }

    /**
     * The signing key as a dynamic reference by the secret's name, resolved by CloudFormation at deploy time. Not the
     * imported secret's own secretValue: that one references a partial ARN assembled from region and account tokens.
     */
    String signingKeyReference() {
        return SecretValue.secretsManager(signingSecret.getSecretName()).unsafeUnwrap();
    }

    Distribution distribution() {
        return distribution;
    }
}
