package dev.skillforge.local.aot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.X5455_ExtendedTimestamp;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

import dev.skillforge.local.LocalCloud;
import dev.skillforge.local.lambda.FunctionPackage;

/**
 * Builds the {@code jvm-aot} package of every function, run by the build after the functions are packaged
 * ({@code ./mvnw package}; skip with {@code -Dskip.aot}):
 * <ol>
 * <li>a trimmed JDK 25 runtime (jlink, the modules the functions use), made once;</li>
 * <li>per function, {@code target/lambda-aot/}: {@code bootstrap} (the custom runtime entry point), {@code runtime/},
 * {@code app/} (the JVM build), {@code ric/} (AWS's runtime interface client and its JNI library);</li>
 * <li>a training run: the whole local cloud started from these packages with {@code SKILLFORGE_AOT=record},
 * demo data seeded and a tour of every function's routes (reads, writes, errors) sent through the gateway; each
 * JVM writes its {@code app.aot} when it stops;</li>
 * <li>{@code function-aot.zip} with unix modes kept (Lambda needs {@code bootstrap} and {@code runtime/bin/java}
 * executable).</li>
 * </ol>
 * The classpath in the bootstrap is relative and listed jar by jar, so the cache recorded here matches the one in
 * {@code /var/task} on Lambda (a wildcard could expand in another order there).
 */
public final class AotPackager {

    public static final String BOOTSTRAP = FunctionPackage.BOOTSTRAP;
    public static final String CACHE = FunctionPackage.AOT_CACHE;
    public static final String ZIP = FunctionPackage.AOT_ZIP;
    /** The JDK modules the functions need (jdeps over the packages, plus zipfs and net.http used by libraries). */
    public static final List<String> RUNTIME_MODULES = List.of("java.base", "java.compiler", "java.desktop", "java.logging",
            "java.management", "java.naming", "java.net.http", "java.sql", "java.xml", "jdk.management", "jdk.unsupported",
            "jdk.zipfs");
    private static final int TRAINING_TOURS = 5;

    private AotPackager() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 1 && args[0].equals("--root") ? args[1] : ".").toAbsolutePath().normalize();
        long started = System.currentTimeMillis();
        requireLambdaHost(System.getProperty("os.name"), System.getProperty("os.arch"));
        List<FunctionPackage> functions = FunctionPackage.all(root);
        // Before jlink and before any package is replaced: a build without runner jars has nothing to package.
        List<String> unpackaged = functions.stream().filter(function -> function.runnerJar() == null).map(FunctionPackage::name).toList();
        if (!unpackaged.isEmpty()) {
            throw new IllegalStateException("no runner jar for " + String.join(", ", unpackaged)
                    + ": run ./mvnw package first (a -Dnative build makes none and skips this step)");
        }
        Path runtime = trimmedRuntime(root);
        Path ric = root.resolve("tools/local-cloud/target/lambda-ric");
        for (FunctionPackage function : functions) {
            stage(function, runtime, ric);
        }
        train(root);
        for (FunctionPackage function : functions) {
            if (!Files.isRegularFile(function.aotCache())) {
                throw new IllegalStateException(function.name() + " wrote no AOT cache; see " + root.resolve("tools/local-cloud/target/aot-training/logs"));
            }
            Path zip = zip(function.aotDirectory());
            checkExtracted(function, zip, root.resolve("tools/local-cloud/target/aot-check"));
            System.out.printf("jvm-aot   %-20s cache %5.1f MB  package %5.1f MB  %s%n", function.name(),
                    Files.size(function.aotCache()) / 1e6, Files.size(zip) / 1e6, root.relativize(zip));
        }
        System.out.printf("jvm-aot   packages built in %d s%n", (System.currentTimeMillis() - started) / 1000);
    }

    /**
     * The package bundles this JDK's jlink image and the runtime client's JNI library, both of the build host's platform,
     * for Lambda's x86_64 Linux: built anywhere else it would deploy and then fail to start.
     */
    public static void requireLambdaHost(String osName, String osArch) {
        if (!osName.equals("Linux") || !(osArch.equals("amd64") || osArch.equals("x86_64"))) {
            throw new IllegalStateException("the jvm-aot packages bundle this JDK for Lambda's x86_64 Linux, but this host is "
                    + osName + "/" + osArch + ": build them on linux-x86_64 (or skip them with -Dskip.aot=true and deploy native or jvm-snapstart)");
        }
    }

    /**
     * Extracts the zip as Lambda does (fresh folder, the entries' times) and starts its JVM with the cache required
     * ({@code -XX:AOTMode=on} fails instead of running without it): a cache the JVM would reject on Lambda fails the build.
     */
    public static void checkExtracted(FunctionPackage function, Path zip, Path scratch) throws IOException, InterruptedException {
        try (dev.skillforge.local.lambda.TaskRoot task = dev.skillforge.local.lambda.TaskRoot.extract(zip, scratch, function.name())) {
            ProcessBuilder check = new ProcessBuilder(task.directory().resolve(BOOTSTRAP).toString())
                    .directory(task.directory().toFile()).redirectErrorStream(true);
            check.environment().put("SKILLFORGE_AOT", "check");
            Process process = check.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(function.name() + ": the JVM rejects the AOT cache of the extracted " + zip + ":\n" + output);
            }
        }
    }

    /** jlink's runtime image with the functions' modules, made once per JDK. */
    public static Path trimmedRuntime(Path root) throws IOException, InterruptedException {
        Path runtime = root.resolve("tools/local-cloud/target/lambda-jre");
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path stamp = runtime.resolve("skillforge-jdk");
        String jdk = Runtime.version() + " " + String.join(",", RUNTIME_MODULES);
        if (Files.exists(stamp) && Files.readString(stamp).equals(jdk)) {
            evenSecondTimes(runtime);
            return runtime;
        }
        deleteTree(runtime);
        run(List.of(javaHome.resolve("bin/jlink").toString(), "--add-modules", String.join(",", RUNTIME_MODULES),
                "--strip-debug", "--no-header-files", "--no-man-pages", "--compress", "zip-6", "--output", runtime.toString()));
        Files.writeString(stamp, jdk);
        evenSecondTimes(runtime);
        return runtime;
    }

    private static void stage(FunctionPackage function, Path runtime, Path ric) throws IOException {
        Path dir = function.aotDirectory();
        deleteTree(dir);
        Files.createDirectories(dir.resolve("app"));
        Files.createDirectories(dir.resolve("ric/jni"));
        Path runner = function.runnerJar();
        if (runner == null) {
            throw new IllegalStateException(function.name() + " is not packaged: run ./mvnw package first");
        }
        // Same bytes and time as target/'s jar, which is how the local run tells a current package from a stale one
        // (the time made zip-exact first, see evenSecondTimes).
        evenSecondTime(runner);
        Files.copy(runner, dir.resolve("app").resolve(runner.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        copyTree(function.target().resolve("lib"), dir.resolve("app/lib"));
        List<String> classpath = new ArrayList<>();
        try (Stream<Path> jars = Files.list(ric)) {
            for (Path jar : jars.filter(file -> file.toString().endsWith(".jar")).sorted().toList()) {
                Files.copy(jar, dir.resolve("ric").resolve(jar.getFileName()));
                classpath.add("ric/" + jar.getFileName());
            }
        }
        Files.copy(ric.resolve("jni").resolve(FunctionPackage.jniLibrary()), dir.resolve("ric/jni").resolve(FunctionPackage.jniLibrary()));
        classpath.add("app/" + runner.getFileName());
        // Locally the runtime is a link to the one jlink image; the zip carries its files.
        Files.createSymbolicLink(dir.resolve("runtime"), runtime);

        String bootstrap = """
                #!/bin/sh
                # Lambda custom runtime entry point of a SkillForge function (jvm-aot): a trimmed JDK 25 runtime, the
                # application, AWS's runtime interface client and the AOT cache trained by the build. Written by AotPackager.
                # SKILLFORGE_AOT=record writes the cache (the build's training run), =off runs without it, =check only
                # starts the JVM with the cache required (the build's check of the extracted zip) and exits.
                cd "$(dirname "$0")" || exit 1
                CHECK_ONLY=""
                case "${SKILLFORGE_AOT:-use}" in
                  record) AOT="-XX:AOTCacheOutput=%s" ;;
                  off) AOT="" ;;
                  check) AOT="-XX:AOTCache=%s -XX:AOTMode=on"; CHECK_ONLY="-version" ;;
                  *) AOT="-XX:AOTCache=%s" ;;
                esac
                exec ./runtime/bin/java %s $AOT -D%s="$PWD/ric/jni/%s" \\
                  -cp %s $CHECK_ONLY \\
                  %s %s
                """.formatted(CACHE, CACHE, CACHE, String.join(" ", FunctionPackage.JVM_OPTIONS), FunctionPackage.RUNTIME_CLIENT_JNI_PROPERTY,
                FunctionPackage.jniLibrary(), String.join(":", classpath), FunctionPackage.RUNTIME_CLIENT_MAIN, FunctionPackage.HANDLER);
        Path script = dir.resolve(BOOTSTRAP);
        Files.writeString(script, bootstrap, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        evenSecondTimes(dir);
    }

    /** The whole suite from the jvm-aot packages, recording; demo data and tours exercise every function. */
    private static void train(Path root) throws Exception {
        Path state = root.resolve("tools/local-cloud/target/aot-training");
        deleteTree(state);
        LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(root, state, 0, true, FunctionPackage.Mode.AOT_TRAINING,
                true, false), line -> { });
        try {
            TrainingTour tour = new TrainingTour(cloud.baseUri(), cloud.tokens());
            for (int i = 0; i < TRAINING_TOURS; i++) {
                tour.run();
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (!cloud.streamIdle() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            System.out.printf("training  %d tours of %d requests through the gateway%n", TRAINING_TOURS, tour.requests() / TRAINING_TOURS);
        } finally {
            cloud.close();
        }
    }

    public static Path zip(Path dir) throws IOException {
        Path zip = dir.resolve(ZIP);
        Files.deleteIfExists(zip);
        Path temporary = dir.getParent().resolve(ZIP + ".partial");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(temporary.toFile());
                Stream<Path> files = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(dir.relativize(file).toString());
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                entry.setUnixMode(0100000 | (permissions.contains(PosixFilePermission.OWNER_EXECUTE) ? 0755 : 0644));
                long modified = Files.getLastModifiedTime(file).toMillis();
                entry.setTime(modified);
                // The DOS time above is a wall-clock time with no zone: unzipped in another zone than the build's it
                // moves by the difference. The extended timestamp (UTC seconds, which unzip and Lambda read) does not.
                X5455_ExtendedTimestamp utc = new X5455_ExtendedTimestamp();
                utc.setModifyJavaTime(new java.util.Date(modified));
                entry.addExtraField(utc);
                out.putArchiveEntry(entry);
                Files.copy(file, out);
                out.closeArchiveEntry();
            }
        }
        return Files.move(temporary, zip, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The AOT cache records each classpath file's modification time and is refused when it differs; a zip entry keeps
     * a time to 2 seconds only. So every file of the package gets a time on an even second before the training run
     * records the cache, and the zip entries carry exactly that time: once Lambda extracts the zip, times match.
     */
    public static void evenSecondTimes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                evenSecondTime(file);
            }
        }
    }

    private static void evenSecondTime(Path file) throws IOException {
        long millis = Files.getLastModifiedTime(file).toMillis();
        long even = millis - Math.floorMod(millis, 2_000L);
        if (even != millis) {
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(even));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    public static void deleteTree(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            Files.delete(dir);
            return;
        }
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }
}
