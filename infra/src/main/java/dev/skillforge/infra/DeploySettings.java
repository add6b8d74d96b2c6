package dev.skillforge.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import java.util.Locale;

/**
 * What one synthesis is for, from CDK context: the stage ({@code -c stage=dev|prod}), how the functions are
 * packaged ({@code -c mode=native|jvm-snapstart|jvm-aot}), where the built packages are ({@code -c artifacts=<repo
 * root>}, default the parent folder of infra), the web origin allowed to call the API and upload assets, and
 * optionally the user pool's JWKS saved to a file ({@code -c jwks=<file>}): the functions then get the keys in
 * their configuration and verify the first token without fetching them. {@code -c mediaKeyVersion=<n>} (default 1)
 * numbers the media URL signing key pair: raising it with a new key makes a new CloudFront public key (see
 * {@link MediaDelivery}).
 */
public record DeploySettings(Stage stage, DeployMode mode, Path artifacts, String webOrigin, Path jwksFile, int mediaKeyVersion) {

    public enum Stage {
        DEV, PROD;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean isProd() {
            return this == PROD;
        }
    }

    /** The three ways a function can be deployed; see the README's deploy section and docs/performance.md. */
    public enum DeployMode {
        /** provided.al2023 with the native executable each service builds with -Dnative. */
        NATIVE("native", "target/function.zip"),
        /** The managed Java 21 runtime, SnapStart on published versions, invoked through a "live" alias. */
        JVM_SNAPSTART("jvm-snapstart", "target/function.zip"),
        /** provided.al2023 with a trimmed JDK 25 runtime, the application, its AOT cache and the runtime client. */
        JVM_AOT("jvm-aot", "target/lambda-aot/function-aot.zip");

        private final String id;
        private final String packagePath;

        DeployMode(String id, String packagePath) {
            this.id = id;
            this.packagePath = packagePath;
        }

        public String id() {
            return id;
        }

        /** The package of a function in this mode, relative to the function's module. */
        public String packagePath() {
            return packagePath;
        }

        static DeployMode parse(String id) {
            for (DeployMode mode : values()) {
                if (mode.id.equals(id)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("mode must be native, jvm-snapstart or jvm-aot, not " + id);
        }
    }

    static DeploySettings of(String stage, String mode, String artifacts, String webOrigin) {
        return of(stage, mode, artifacts, webOrigin, null);
    }

    static DeploySettings of(String stage, String mode, String artifacts, String webOrigin, String jwksFile) {
        return of(stage, mode, artifacts, webOrigin, jwksFile, null);
    }

    static DeploySettings of(String stage, String mode, String artifacts, String webOrigin, String jwksFile, String mediaKeyVersion) {
        Stage parsedStage = switch (stage == null ? "dev" : stage) {
            case "dev" -> Stage.DEV;
            case "prod" -> Stage.PROD;
            default -> throw new IllegalArgumentException("stage must be dev or prod, not " + stage);
        };
        return new DeploySettings(parsedStage, DeployMode.parse(mode == null ? "native" : mode),
                Path.of(artifacts == null ? ".." : artifacts).toAbsolutePath().normalize(),
                webOrigin == null ? (parsedStage.isProd() ? "https://app.skillforge.example" : "http://localhost:5173") : webOrigin,
                jwksFile == null ? null : Path.of(jwksFile).toAbsolutePath(), keyVersion(mediaKeyVersion));
    }

    private static int keyVersion(String value) {
        if (value == null) {
            return 1;
        }
        try {
            int version = Integer.parseInt(value.strip());
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("mediaKeyVersion must be a whole number from 1, not " + value);
    }

    /**
     * The package CDK uploads for a function in the chosen mode, checked to be of that mode: native and jvm-snapstart
     * both upload {@code target/function.zip}, and a JVM zip on provided.al2023 (or a native one on java21) would
     * deploy cleanly and then fail every invocation.
     */
    public Path packageOf(String function) {
        Path zip = artifacts.resolve(function).resolve(mode.packagePath());
        if (Files.isRegularFile(zip)) {
            boolean hasBootstrap;
            boolean hasJars;
            try (ZipFile file = new ZipFile(zip.toFile())) {
                hasBootstrap = file.getEntry("bootstrap") != null;
                hasJars = file.stream().anyMatch(entry -> entry.getName().endsWith(".jar"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + zip, e);
            }
            String problem = switch (mode) {
                case NATIVE -> hasBootstrap && !hasJars ? null : "is not a native package (bootstrap only): build it with -Dnative for mode native";
                case JVM_SNAPSTART -> hasJars && !hasBootstrap ? null : "is not a JVM build (a native zip?): build it without -Dnative for mode jvm-snapstart";
                case JVM_AOT -> hasBootstrap && hasJars ? null : "is not a jvm-aot package";
            };
            if (problem != null) {
                throw new IllegalArgumentException(zip + " " + problem);
            }
        }
        return zip;
    }
}
