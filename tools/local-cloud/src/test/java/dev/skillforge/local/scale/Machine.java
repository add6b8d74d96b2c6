package dev.skillforge.local.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a run was measured on, in one line (Linux: CPU model and memory from /proc). */
final class Machine {

    private Machine() {
    }

    static String describe() {
        return String.format(Locale.ROOT, "%s, %d cores, %s memory, %s %s, JDK %s", cpu(), Runtime.getRuntime().availableProcessors(),
                memory(), System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"));
    }

    private static String cpu() {
        return firstValue("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch"));
    }

    private static String memory() {
        return firstValue("/proc/meminfo", "MemTotal")
                .map(kb -> String.format(Locale.ROOT, "%.0f GB", Long.parseLong(kb.replace("kB", "").trim()) / 1024.0 / 1024.0))
                .orElse("unknown");
    }

    private static java.util.Optional<String> firstValue(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(line -> line.startsWith(key)).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim());
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
