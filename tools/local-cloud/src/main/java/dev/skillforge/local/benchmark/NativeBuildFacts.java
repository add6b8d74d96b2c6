package dev.skillforge.local.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillforge.local.lambda.FunctionPackage;

/**
 * What a function's native build produced and cost: the executable's size, the build's time and peak memory from
 * native-image's JSON report, and what the executable needs from the system at run
 * time (shared libraries, the newest glibc symbol version), which must be on Lambda's provided.al2023.
 * The report is the one Quarkus asks native-image for ({@code <name>-runner-build-output-stats.json}).
 */
public record NativeBuildFacts(long executableBytes, double buildSeconds, long peakRssBytes, String toolchain, String newestGlibc,
        List<String> neededLibraries) {

    /** Quarkus asks native-image for this JSON report, in the build's native-image-source-jar folder. */
    public static final String BUILD_REPORT_SUFFIX = "-build-output-stats.json";
    private static final Pattern GLIBC = Pattern.compile("GLIBC_(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private static final Pattern NEEDED = Pattern.compile("NEEDED\\s+(\\S+)");

    public static Optional<NativeBuildFacts> of(FunctionPackage function) throws IOException {
        if (!function.nativeIsCurrent()) {
            return Optional.empty();
        }
        Path executable = function.nativeExecutable();
        double seconds = Double.NaN;
        long peakRss = -1;
        String toolchain = "unknown";
        Path report = buildReport(function.target());
        if (report != null) {
            JsonNode build = new ObjectMapper().readTree(report.toFile());
            JsonNode usage = build.path("resource_usage");
            seconds = usage.path("total_secs").asDouble(Double.NaN);
            peakRss = usage.path("memory").path("peak_rss_bytes").asLong(-1);
            JsonNode general = build.path("general_info");
            toolchain = general.path("graalvm_version").asText("?") + ", JDK " + general.path("java_version").asText("?") + ", -march="
                    + general.path("graal_compiler").path("march").asText("?") + ", -O" + general.path("graal_compiler").path("optimization_level").asText("?")
                    + ", " + general.path("garbage_collector").asText("?");
        }
        List<String> needed = neededLibraries(objdump(executable, "-p"));
        return Optional.of(new NativeBuildFacts(Files.size(executable), seconds, peakRss, toolchain, newestGlibc(objdump(executable, "-T")),
                needed));
    }

    /** The highest GLIBC_x.y version any dynamic symbol of the executable asks for. */
    public static String newestGlibc(String dynamicSymbols) {
        TreeSet<List<Integer>> versions = new TreeSet<>((a, b) -> {
            for (int i = 0; i < 3; i++) {
                int order = Integer.compare(a.get(i), b.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        });
        Matcher matcher = GLIBC.matcher(dynamicSymbols);
        while (matcher.find()) {
            versions.add(List.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                    matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3))));
        }
        if (versions.isEmpty()) {
            return "none";
        }
        List<Integer> newest = versions.last();
        return "GLIBC_" + newest.get(0) + "." + newest.get(1) + (newest.get(2) == 0 ? "" : "." + newest.get(2));
    }

    /** A native function.zip carries the executable as {@code bootstrap}; a JVM one carries the application's jars. */
    public static boolean isNativeZip(Path zip) throws IOException {
        return FunctionPackage.isNativeZip(zip);
    }

    private static Path buildReport(Path target) throws IOException {
        try (Stream<Path> folders = Files.list(target)) {
            return folders.filter(folder -> folder.getFileName().toString().endsWith("-native-image-source-jar"))
                    .flatMap(folder -> {
                        try {
                            return Files.list(folder).toList().stream();
                        } catch (IOException e) {
                            return Stream.<Path>empty();
                        }
                    })
                    .filter(file -> file.getFileName().toString().endsWith(BUILD_REPORT_SUFFIX)).findFirst().orElse(null);
        }
    }

    /** binutils' objdump (it comes with gcc, which native-image needs anyway); a failure is an error, not "none". */
    public static String objdump(Path executable, String option) throws IOException {
        Process process = new ProcessBuilder("objdump", option, executable.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("objdump " + option + " " + executable + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return output;
    }

    /** The shared libraries the executable names (ELF NEEDED entries). */
    public static List<String> neededLibraries(String dynamicSection) {
        List<String> needed = new ArrayList<>();
        Matcher libraries = NEEDED.matcher(dynamicSection);
        while (libraries.find()) {
            needed.add(libraries.group(1));
        }
        return needed;
    }
}
