package dev.skillforge.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.assertions.Template;

/**
 * Synthesizes the stack the way {@code cdk synth} does, for a stage and mode. The template is what is tested, not
 * the build: the function packages are stand-in zips (see {@link TemplateExport}).
 */
final class Synth {

    private Synth() {
    }

    static Template template(String stage, String mode) {
        return template(stage, mode, null);
    }

    static Template template(String stage, String mode, String jwksFile) {
        return TemplateExport.synthesize(stage, mode, jwksFile);
    }

    /** With {@code -c mediaKeyVersion=<version>}. */
    static Template template(String stage, String mode, String jwksFile, String mediaKeyVersion) {
        return TemplateExport.synthesize(stage, mode, jwksFile, mediaKeyVersion);
    }

    static List<String> functions() {
        return TemplateExport.FUNCTIONS;
    }

    /** Every resource of a type, by logical id. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> resources(Template template, String type) {
        return (Map<String, Map<String, Object>>) (Map<String, ?>) template.findResources(type);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    static void writeZip(Path zip, List<String> entries) throws IOException {
        TemplateExport.writeZip(zip, entries);
    }
}
