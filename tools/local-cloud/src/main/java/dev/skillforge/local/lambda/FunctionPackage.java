package dev.skillforge.local.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import dev.skillforge.web.routes.RouteTable;

/**
 * One function as its build left it in {@code <module>/target}, and how Lambda would start it: the JVM build
 * through AWS's runtime interface client (optionally with the JDK 25 AOT cache the build trained), or the
 * native executable that polls the runtime API itself.
 */
public record FunctionPackage(String name, Path target) {

    public static final String STREAM_PROCESSOR = "stream-processor";
    public static final String NODE_YARDSTICK = "node-yardstick";
    public static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    public static final String RUNTIME_CLIENT_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Names the runtime client's JNI library, so it is not unpacked into /tmp by every process at once. */
    public static final String RUNTIME_CLIENT_JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    /** The jvm-aot package's folder: bootstrap, runtime/, app/, ric/ and the trained app.aot (see {@link AotPackager}). */
    public static final String AOT_DIRECTORY = "lambda-aot";
    /** A provided.al2023 package's entry point, which Lambda runs (the native executable, or jvm-aot's script). */
    public static final String BOOTSTRAP = "bootstrap";
    /** The jvm-aot package's AOT cache and its zip, as the aot packaging writes them. */
    public static final String AOT_CACHE = "app.aot";
    public static final String AOT_ZIP = "function-aot.zip";
    /** Quarkus's deployment package (JVM or native, by the build's profile). */
    public static final String FUNCTION_ZIP = "function.zip";

    /**
     * The JVM flags of the functions, here and in the deployed jvm-aot runtime: a small serial heap and C1 only,
     * as Lambda's managed Java runtime does for fast starts; a 40 MB young generation from the start, because
     * growing from the default few MB cost about 20 young collections during init (measured with -Xlog:gc);
     * java.lang opened and native access allowed for the runtime interface client on JDK 25.
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:MaxRAM=512m", "-Xms64m", "-Xmn40m", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED");

    /** The native functions' memory size, as infra's ServiceFunction deploys them. */
    public static final int NATIVE_MEMORY_MB = 256;

    public enum Mode {
        /** The JVM build on the JDK running the local cloud, through the runtime interface client. */
        JVM,
        /** The jvm-aot package: its own trimmed JDK 25 runtime and the AOT cache its training run made. */
        AOT,
        /** The jvm-aot package recording its AOT cache (the training run of the packaging). */
        AOT_TRAINING,
        /** The native executable, which polls the runtime API itself. */
        NATIVE,
        /** The benchmark's yardstick: the seed's Node.js handler in a runtime API loop, as Lambda's nodejs20.x runs it. */
        NODE,
        /** Not a way to start: the JVM build in its best current form (jvm-aot, else plain JVM), never native. */
        JVM_BUILD;

        public static Mode parse(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Every function of the suite: the HTTP functions of the route table, then the stream consumer. */
    public static List<FunctionPackage> all(Path root) {
        List<String> names = new ArrayList<>(RouteTable.ALL.stream().map(route -> route.function()).distinct().toList());
        names.add(STREAM_PROCESSOR);
        return names.stream().map(name -> new FunctionPackage(name, root.resolve(name).resolve("target"))).toList();
    }

    /** The functions deployed from this package: itself, or for the stream-processor one per stream consumer. */
    public List<String> functionNames() {
        if (name.equals(STREAM_PROCESSOR)) {
            return java.util.Arrays.stream(dev.skillforge.data.table.StreamConsumer.values())
                    .map(dev.skillforge.data.table.StreamConsumer::functionName).toList();
        }
        return List.of(name);
    }

    /** The benchmark's Node.js yardstick (tools/node-yardstick), started like a function in {@link Mode#NODE}. */
    public static FunctionPackage nodeYardstick(Path root) {
        return new FunctionPackage(NODE_YARDSTICK, root.resolve("tools/node-yardstick"));
    }

    public Path runnerJar() {
        return find("-runner.jar");
    }

    /** Quarkus names the native executable {@code <artifact>-<version>-runner}; its function.zip carries it as bootstrap. */
    public Path nativeExecutable() {
        Path executable = find("-runner");
        return executable != null && Files.isRegularFile(executable) && Files.isExecutable(executable) ? executable : null;
    }

    /**
     * The native executable was built from the current classes: a later JVM-only build (which recompiles what changed)
     * leaves an older executable behind, and running it would test yesterday's code.
     */
    public boolean nativeIsCurrent() {
        Path executable = nativeExecutable();
        if (executable == null) {
            return false;
        }
        try {
            FileTime built = Files.getLastModifiedTime(executable);
            return newestFile(target.resolve("classes")).compareTo(built) <= 0
                    && newestFile(target.getParent().resolveSibling("shared-data").resolve("target/classes")).compareTo(built) <= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static FileTime newestFile(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return FileTime.fromMillis(0);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            FileTime newest = FileTime.fromMillis(0);
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                FileTime time = Files.getLastModifiedTime(file);
                newest = time.compareTo(newest) > 0 ? time : newest;
            }
            return newest;
        }
    }

    public Path aotDirectory() {
        return target.resolve(AOT_DIRECTORY);
    }

    public Path aotCache() {
        return aotDirectory().resolve(AOT_CACHE);
    }

    public boolean supports(Mode mode) {
        return switch (mode) {
            case JVM -> runnerJar() != null && isJvmZip(target.resolve(FUNCTION_ZIP));
            case AOT -> Files.isExecutable(aotDirectory().resolve(BOOTSTRAP)) && Files.isRegularFile(aotCache()) && aotIsCurrent()
                    && Files.isRegularFile(aotDirectory().resolve(AOT_ZIP));
            case AOT_TRAINING -> Files.isExecutable(aotDirectory().resolve(BOOTSTRAP));
            case NATIVE -> nativeIsCurrent() && zipIsCurrent(target.resolve(FUNCTION_ZIP), nativeExecutable());
            case JVM_BUILD -> supports(Mode.AOT) || supports(Mode.JVM);
            case NODE -> Files.isDirectory(target.resolve("node_modules/@aws-sdk/lib-dynamodb"));
        };
    }

    /**
     * The deployment package CDK would upload for a mode (see infra's DeploySettings), which the local cloud extracts
     * and runs; null for what is not deployed (the training run of the AOT packaging, the Node.js yardstick).
     */
    public Path deployablePackage(Mode mode) {
        return switch (mode) {
            case JVM, NATIVE -> target.resolve(FUNCTION_ZIP);
            case AOT -> aotDirectory().resolve(AOT_ZIP);
            default -> null;
        };
    }

    /** The deploy mode whose synthesized template describes a local mode (its runtime, handler, memory, environment). */
    public static String deployMode(Mode mode) {
        return switch (mode) {
            case NATIVE -> "native";
            case JVM -> "jvm-snapstart";
            case AOT, AOT_TRAINING -> "jvm-aot";
            default -> throw new IllegalArgumentException(mode + " is not deployed");
        };
    }

    /** A native function.zip: only the bootstrap executable, no jars. */
    public static boolean isNativeZip(Path zip) throws IOException {
        try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(zip.toFile())) {
            return file.getEntry(BOOTSTRAP) != null && file.stream().noneMatch(entry -> entry.getName().endsWith(".jar"));
        }
    }

    /** Quarkus's function.zip of a JVM build: jars and no bootstrap (a -Dnative build writes a native one to the same path). */
    private static boolean isJvmZip(Path zip) {
        try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(zip.toFile())) {
            return file.getEntry("bootstrap") == null && file.stream().anyMatch(entry -> entry.getName().endsWith(".jar"));
        } catch (IOException e) {
            return false;
        }
    }

    /** A native function.zip made from the executable as it is now. */
    private static boolean zipIsCurrent(Path zip, Path builtFrom) {
        try {
            return builtFrom != null && Files.isRegularFile(zip) && isNativeZip(zip)
                    && Files.getLastModifiedTime(zip).compareTo(Files.getLastModifiedTime(builtFrom)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The command Lambda's runtime runs for this function, from its extracted package in {@code taskRoot}: a
     * provided.al2023 package's own {@code bootstrap}; for Java 21 the runtime interface client on the classpath
     * Lambda's Java runtime uses ({@code /var/task} and {@code /var/task/lib/*}) with the template's handler.
     */
    public List<String> command(Mode mode, Path taskRoot, String handler, int memoryMb, Path javaHome, Path runtimeClientDir,
            List<String> extraJvmOptions) {
        switch (mode) {
            case NATIVE:
                // Lambda's microVM has the function's memory size as its physical memory, and a native image sizes its
                // heap from physical memory (young generation 10% of a max heap of 80%): this machine's 24 GiB would
                // let garbage pile up for gigabytes. MaxRAM gives the executable the deployed size instead.
                return List.of(taskRoot.resolve(BOOTSTRAP).toString(), "-XX:MaxRAM=" + memoryMb + "m");
            case NODE:
                return List.of("node", target.resolve("runtime.mjs").toString());
            case AOT:
                return List.of(taskRoot.resolve(BOOTSTRAP).toString());
            case AOT_TRAINING:
                // The staged package before it is zipped: the training run records the cache the zip then carries.
                return List.of(aotDirectory().resolve(BOOTSTRAP).toString());
            default:
                break;
        }
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin/java").toString());
        command.addAll(JVM_OPTIONS.stream().map(option -> option.startsWith("-XX:MaxRAM=") ? "-XX:MaxRAM=" + memoryMb + "m" : option).toList());
        command.add("-D" + RUNTIME_CLIENT_JNI_PROPERTY + "=" + runtimeClientDir.resolve("jni").resolve(jniLibrary()));
        command.addAll(extraJvmOptions);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, runtimeClientDir.resolve("*").toString(), taskRoot.toString(),
                taskRoot.resolve("lib").resolve("*").toString()));
        command.add(RUNTIME_CLIENT_MAIN);
        command.add(handler);
        return command;
    }

    /** The jvm-aot package holds the same application build as target/ (a later build without -Dskip.aot=false makes it stale). */
    public boolean aotIsCurrent() {
        Path runner = runnerJar();
        Path packaged = runner == null ? null : aotDirectory().resolve("app").resolve(runner.getFileName());
        try {
            return packaged != null && Files.exists(packaged)
                    && Files.getLastModifiedTime(packaged).equals(Files.getLastModifiedTime(runner))
                    && Files.size(packaged) == Files.size(runner);
        } catch (IOException e) {
            return false;
        }
    }

    /** The best mode this build has when the caller did not choose one: a current native build, then AOT, then plain JVM. */
    public Mode bestMode() {
        return supports(Mode.NATIVE) ? Mode.NATIVE : supports(Mode.AOT) ? Mode.AOT : Mode.JVM;
    }

    /** The mode a function starts in when {@code requested} was asked for: null picks {@link #bestMode()}. */
    public Mode resolve(Mode requested) {
        if (requested == null) {
            return bestMode();
        }
        return requested == Mode.JVM_BUILD ? (supports(Mode.AOT) ? Mode.AOT : Mode.JVM) : requested;
    }

    public static String jniLibrary() {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        return "libaws-lambda-jni.linux-" + arch + ".so";
    }

    private Path find(String suffix) {
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
