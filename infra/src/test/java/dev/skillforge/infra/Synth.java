package dev.skillforge.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.skillforge.data.routes.RouteTable;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * Synthesizes the stack the way {@code cdk synth} does, for a stage and mode. The template is what is tested, not
 * the build: the function packages are stand-in zips in a temporary folder laid out like the repository.
 */
final class Synth {

    private static final List<String> FUNCTIONS = Stream.concat(
            RouteTable.ALL.stream().map(route -> route.function()).distinct(), Stream.of(SkillForgeStack.STREAM_PROCESSOR)).toList();

    private Synth() {
    }

    static Template template(String stage, String mode) {
        return template(stage, mode, null);
    }

    static Template template(String stage, String mode, String jwksFile) {
        Path artifacts = standInPackages(mode);
        App app = new App(software.amazon.awscdk.AppProps.builder()
                .outdir(artifacts.resolve("cdk.out").toString())
                .build());
        SkillForgeStack stack = new SkillForgeStack(app, "SkillForge-" + stage, StackProps.builder().build(),
                DeploySettings.of(stage, mode, artifacts.toString(), null, jwksFile));
        return Template.fromStack(stack);
    }

    static List<String> functions() {
        return FUNCTIONS;
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

    /** Stand-in packages of the right kind for {@code mode}: a native zip holds only bootstrap, a JVM zip jars. */
    private static Path standInPackages(String mode) {
        try {
            Path root = Files.createTempDirectory("skillforge-synth");
            DeploySettings.DeployMode deployMode = DeploySettings.of("dev", mode, root.toString(), null).mode();
            for (String function : FUNCTIONS) {
                for (DeploySettings.DeployMode each : DeploySettings.DeployMode.values()) {
                    Path zip = root.resolve(function).resolve(each.packagePath());
                    Files.createDirectories(zip.getParent());
                    if (each == deployMode || !Files.exists(zip)) {
                        writeZip(zip, switch (each) {
                            case NATIVE -> List.of("bootstrap");
                            case JVM_SNAPSTART -> List.of("lib/app.jar");
                            case JVM_AOT -> List.of("bootstrap", "app/app.jar");
                        });
                    }
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeZip(Path zip, List<String> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String entry : entries) {
                out.putNextEntry(new ZipEntry(entry));
                out.write('x');
                out.closeEntry();
            }
        }
    }
}
