package dev.skillforge.local.benchmark;

import java.nio.file.Path;

/** The options of the single-function benchmarks ({@code --root}, {@code --runs}, {@code --warm}), with their defaults. */
record BenchmarkOptions(Path root, int runs, int warm) {

    static BenchmarkOptions parse(String[] args) {
        Path root = Path.of(".").toAbsolutePath().normalize();
        int runs = 5;
        int warm = 300;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warm" -> warm = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new BenchmarkOptions(root, runs, warm);
    }
}
