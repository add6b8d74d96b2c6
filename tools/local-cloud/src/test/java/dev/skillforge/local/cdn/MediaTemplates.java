package dev.skillforge.local.cdn;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.local.cloudformation.StackTemplate;

/** The test template with a media distribution (test resource cdn/media.template.json, shaped as infra synthesizes it). */
final class MediaTemplates {

    static final String BUCKET = "skillforge-assets-local";
    static final String SECRET = "skillforge-dev-media-signing-key";

    private MediaTemplates() {
    }

    static StackTemplate read(String publicKeyPem, String privateKeyPem, String cdnDomainName) throws Exception {
        return StackTemplate.read(file(), resources(publicKeyPem, privateKeyPem, cdnDomainName));
    }

    /** The local stand-ins the test template resolves against. */
    static StackTemplate.LocalResources resources(String publicKeyPem, String privateKeyPem, String cdnDomainName) {
        return new StackTemplate.LocalResources("table", BUCKET, "https://issuer", "us-east-1_Pool",
                "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_Pool", "client", Map.of(SECRET, privateKeyPem),
                Map.of("MediaSigningPublicKey", publicKeyPem), cdnDomainName);
    }

    /** The test template as JSON, for a test to change a copy of it. */
    static ObjectNode json() throws Exception {
        return (ObjectNode) new ObjectMapper().readTree(file().toFile());
    }

    static Path file() throws URISyntaxException {
        return Path.of(MediaTemplates.class.getResource("/cdn/media.template.json").toURI());
    }
}
