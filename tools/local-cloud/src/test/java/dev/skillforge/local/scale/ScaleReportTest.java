package dev.skillforge.local.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The generated section, in every build: its markers, one row per block, and requests over a budget counted. */
class ScaleReportTest {

    @Test
    void theSectionHasARowPerBlockAndCountsRequestsOverTheirBudget() {
        List<RouteRun.Sample> searches = new ArrayList<>();
        for (double units : new double[] {1, 15, 60.5}) {
            searches.add(new RouteRun.Sample("GET /courses/search", "searches", 200, 2_000_000, units, 0));
        }
        List<RouteRun.Sample> yardstick = List.of(new RouteRun.Sample("GET /courses/{courseId}", "yardstick", 200, 1_000_000, 0.5, 0));
        RouteRun.Result search = new RouteRun.Result("GET /courses/search", "searches", 3, 3, Map.of(200, 3), 25.5, 60.5, 0, 0,
                2, 2, 2, 2, 1, 1, searches, yardstick);
        Map<String, Duration> phases = new LinkedHashMap<>();
        phases.put("seeding", Duration.ofSeconds(3));
        ScaleReport.Run run = new ScaleReport.Run(ScaleSizes.TINY, Instant.parse("2026-12-02T10:00:00Z"), "jvm-build", Duration.ofMillis(300),
                new Seeder.Result(Map.of("learner profiles", 10L), Map.of("profiles", Duration.ofSeconds(1)), Duration.ofSeconds(1)),
                new SeededChanges.Result(Map.of("stream-aggregates", 5L), 0, Duration.ofSeconds(1)), phases, Map.of("learner profiles", "10"));

        String section = ScaleReport.section(run, List.of(search), route -> new ScaleReport.Budget(14, 0));

        assertTrue(section.startsWith(ScaleReport.BEGIN) && section.endsWith(ScaleReport.END + "\n"), section);
        assertTrue(section.contains("| 1 | `GET /courses/search` | searches | 3 | 3 | 15, 25.5, 60.5 |"), section);
        assertTrue(section.contains("14 / 0 **2 over**"), section);
        assertEquals(2, search.over(14, 0));
    }
}
