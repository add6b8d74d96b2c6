package dev.skillforge.local.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How the media benchmark pairs its requests with their yardsticks and reports them (no timing is measured here). */
class MediaBenchmarkTest {

    private static MediaBenchmark.Run start(int run, boolean coldWithFile, double first, double fileP50, double plainP50, double attachP50,
            double keepP50) {
        return new MediaBenchmark.Run("jvm", run, coldWithFile, 900, first, fileP50, fileP50 * 2, plainP50, plainP50 * 2, attachP50,
                keepP50, 40);
    }

    @Test
    void coldPairsTheTwoStartsOfARunAndWarmAndAttachPairEachStartsOwnPercentiles() {
        List<MediaBenchmark.Run> runs = List.of(
                start(1, true, 300, 6, 5, 12, 8), start(1, false, 250, 5, 5, 10, 8),
                start(2, true, 330, 6, 4, 9, 9), start(2, false, 300, 5, 5, 11, 10),
                start(3, true, 280, 7, 5, 10, 8),
                start(4, true, 1_000, 6, 6, 9, 9), start(4, false, 500, 6, 6, 9, 9), start(3, false, 200, 6, 6, 16, 8));
        List<MediaBenchmark.Row> rows = MediaBenchmark.summarize(runs);

        assertEquals(List.of(MediaBenchmark.Comparison.values()), rows.stream().map(MediaBenchmark.Row::comparison).toList());
        MediaBenchmark.Row cold = rows.get(0);
        // Runs 1-4: 300/250, 330/300, 280/200, 1000/500; even, so the middle two's mean.
        assertEquals(4, cold.pairs());
        assertEquals((1.2 + 1.4) / 2, cold.ratio(), 1e-9);
        assertEquals(1.1, cold.ratioMin(), 1e-9);
        assertEquals(2.0, cold.ratioMax(), 1e-9);
        assertEquals((50 + 80) / 2.0, cold.addedMs(), 1e-9);
        MediaBenchmark.Row warmP50 = rows.get(1);
        assertEquals(8, warmP50.pairs());
        // 1.2, 1, 1.5, 1, 1.4, 1, 1, 1 -> sorted 1 1 1 1 1 1.2 1.4 1.5
        assertEquals(1.0, warmP50.ratio(), 1e-9);
        assertEquals(1.5, warmP50.ratioMax(), 1e-9);
        assertEquals(rows.get(1).ratio(), rows.get(2).ratio(), 1e-9, "p90 is twice p50 on both sides here");
        MediaBenchmark.Row attach = rows.get(3);
        // 12/8, 10/8, 9/9, 11/10, 10/8, 9/9, 9/9, 16/8 -> 1 1 1 1.1 1.25 1.25 1.5 2
        assertEquals((1.1 + 1.25) / 2, attach.ratio(), 1e-9);
    }

    @Test
    void theReportHasOneRowPerComparisonAndMode() {
        List<MediaBenchmark.Run> runs = List.of(start(1, true, 300, 6, 5, 12, 8), start(1, false, 250, 5, 5, 10, 8));
        String md = MediaBenchmark.markdown(MediaBenchmark.summarize(runs), runs, 1, 200, "2026-12-03", "a test machine");

        assertTrue(md.contains("`./benchmark.sh --media --runs 1 --warm 200`) on 2026-12-03, a test machine."), md);
        assertTrue(md.contains("| jvm | cold: first request after init | 300 ms | 250 ms | **1.20x** (1.20-1.20) | +50.00 ms | 1 |"), md);
        assertTrue(md.contains("| jvm | attach: lesson PUT p50 | 11.00 ms | 8.00 ms | **1.38x** (1.25-1.50) | +3.00 ms | 2 |"), md);
        assertTrue(md.contains("jvm: init 900 ms (median of 2 starts); the first attach of a start, which makes the function's S3 client, 40.00 ms."), md);
    }

    @Test
    void optionsDefaultToFiveRunsOf300WarmRequests() {
        BenchmarkOptions defaults = BenchmarkOptions.parse(new String[0]);
        assertEquals(List.of(5, 300), List.of(defaults.runs(), defaults.warm()));
        BenchmarkOptions given = BenchmarkOptions.parse(new String[] { "--runs", "3", "--warm", "200" });
        assertEquals(List.of(3, 200), List.of(given.runs(), given.warm()));
    }
}
