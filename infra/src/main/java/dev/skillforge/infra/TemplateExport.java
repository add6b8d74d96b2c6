package dev.skillforge.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.skillforge.web.routes.RouteTable;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * Writes the dev stage's CloudFormation template for every deploy mode to {@code target/templates/<mode>.template.json}
 * (run by the build). The local cloud starts each function with the handler, memory, timeout and environment the
 * template gives it and enforces the IAM policy the template attaches to its role, so what the tests pass against is
 * what would be deployed. The function code is the only part synthesized from stand-in packages: a package changes
 * nothing in the template but the asset's hash, and the local cloud runs the real packages.
 */
public final class TemplateExport {

    /** The packages (one per module that deploys). */
    static final List<String> PACKAGES = Stream.concat(
            RouteTable.ALL.stream().map(route -> route.function()).distinct(), Stream.of(SkillForgeStack.STREAM_PROCESSOR)).toList();
    /** The functions: one per HTTP package, and the stream-processor's package twice, once per stream consumer. */
    static final List<String> FUNCTIONS = Stream.concat(RouteTable.ALL.stream().map(route -> route.function()).distinct(),
            java.util.Arrays.stream(dev.skillforge.data.table.StreamConsumer.values()).map(consumer -> consumer.functionName())).toList();

    private TemplateExport() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/templates");
        Files.createDirectories(out);
        for (DeploySettings.DeployMode mode : DeploySettings.DeployMode.values()) {
            Template template = synthesize("dev", mode.id(), null);
            Files.writeString(out.resolve(mode.id() + ".template.json"),
                    new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(template.toJSON()));
        }
    }

    /** The stack of a stage and mode as {@code cdk synth} would make it, on stand-in packages of that mode. */
    static Template synthesize(String stage, String mode, String jwksFile) {
        return synthesize(stage, mode, jwksFile, null);
    }

    /** As above, with the media signing key's version ({@code -c mediaKeyVersion}; null for the default). */
    static Template synthesize(String stage, String mode, String jwksFile, String mediaKeyVersion) {
        Path artifacts = standInPackages(mode);
        App app = new App(AppProps.builder().outdir(artifacts.resolve("cdk.out").toString()).build());
        SkillForgeStack stack = new SkillForgeStack(app, "SkillForge-" + stage, StackProps.builder().build(),
                DeploySettings.of(stage, mode, artifacts.toString(), null, jwksFile, mediaKeyVersion));
        return Template.fromStack(stack);
    }

    /** Stand-in packages of the right kind for {@code mode}: a native zip holds only bootstrap, a JVM zip jars. */
    static Path standInPackages(String mode) {
        try {
            Path root = Files.createTempDirectory("skillforge-synth");
            DeploySettings.DeployMode deployMode = DeploySettings.of("dev", mode, root.toString(), null).mode();
            for (String function : PACKAGES) {
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
