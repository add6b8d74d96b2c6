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
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersCorsBehavior;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
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
    /** The methods CORS allows on media: reads only, as the behaviors do. */
    static final List<String> CORS_METHODS = List.of("GET", "HEAD");
    /** Response headers a cross-origin script may read: what a ranged reader (hls.js, PDF.js) needs to seek. */
    static final List<String> EXPOSED_HEADERS = List.of("Content-Range", "Accept-Ranges", "Content-Length", "ETag");

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
        // The key's version is part of its construct id: CloudFront refuses to change a public key's EncodedKey in place
        // (and CDK's CallerReference is the construct's address), so a new key pair is a new resource. CloudFormation
        // creates it, points the key group and SKILLFORGE_MEDIA_KEY_PAIR_ID at it, then deletes the old one; that changed
        // variable also makes it re-resolve the signing key's secret reference in courses-service's environment.
        publicKey = PublicKey.Builder.create(this, "PublicKeyV" + settings.mediaKeyVersion())
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
        // day: S3 sends no Cache-Control); its cache key has no query string, header or cookie (only the normalized Accept-Encoding), so the
        // Expires/Signature/Key-Pair-Id parameters of signed URLs do not split one object into many cache entries.
        ResponseHeadersPolicy responseHeaders = responseHeaders(settings);
        distribution = Distribution.Builder.create(this, "Distribution")
                .comment("SkillForge " + settings.stage().id() + " course media")
                // Nothing public except what a behavior below makes public: any other key needs a signed URL.
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(origin)
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                        .cachedMethods(CachedMethods.CACHE_GET_HEAD)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                        .responseHeadersPolicy(responseHeaders)
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
        // compressed already, and a range must address the stored bytes. Hence also CachingOptimizedForUncompressedObjects:
        // CachingOptimized puts the normalized Accept-Encoding into the cache key, which here would only keep identical
        // copies of each file (and of each range) per encoding a viewer accepts; this one has the same TTLs without it.
        distribution.addBehavior(LESSON_FILES, origin, readOnly(responseHeaders).trustedKeyGroups(List.of(keyGroup)).compress(false)
                .cachePolicy(CachePolicy.CACHING_OPTIMIZED_FOR_UNCOMPRESSED_OBJECTS).build());
        distribution.addBehavior(COVERS, origin, readOnly(responseHeaders).build());
        distribution.addBehavior(AVATARS, origin, readOnly(responseHeaders).build());
    }

    /**
     * What every media response carries. CORS for the web origin, so players that read media with fetch or XHR (hls.js,
     * PDF.js, a {@code <video crossorigin>}) may use it and see the range headers; CloudFront adds these only to a
     * request whose Origin is allowed. No OPTIONS: a GET or HEAD with at most one byte range from a start is a
     * CORS-safelisted request in current browsers (media elements never preflight), and a preflight would have to
     * pass to the S3 origin, whose CORS rule is for uploads only. With the origin override the policy's answer is the
     * only one, whatever S3's own CORS rules ever say; nosniff keeps a browser from running an upload as a script or a
     * style whatever its bytes look like.
     */
    private ResponseHeadersPolicy responseHeaders(DeploySettings settings) {
        return ResponseHeadersPolicy.Builder.create(this, "ResponseHeaders")
                .comment("SkillForge " + settings.stage().id() + " media: CORS for the web origin, nosniff")
                .corsBehavior(ResponseHeadersCorsBehavior.builder()
                        .accessControlAllowOrigins(List.of(settings.webOrigin()))
                        .accessControlAllowMethods(CORS_METHODS)
                        // Answered to preflights only, which these behaviors do not take; required by CloudFront.
                        .accessControlAllowHeaders(List.of("Range"))
                        .accessControlExposeHeaders(EXPOSED_HEADERS)
                        .accessControlAllowCredentials(false)
                        .originOverride(true)
                        .build())
                .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
                        .contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build())
                        .build())
                .build();
    }

    /** GET and HEAD over HTTPS, cached by CachingOptimized, with the media response headers: what every behavior shares. */
    private static AddBehaviorOptions.Builder readOnly(ResponseHeadersPolicy responseHeaders) {
        return AddBehaviorOptions.builder()
                .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                .cachedMethods(CachedMethods.CACHE_GET_HEAD)
                .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                .responseHeadersPolicy(responseHeaders);
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
