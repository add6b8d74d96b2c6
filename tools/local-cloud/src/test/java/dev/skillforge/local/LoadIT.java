package dev.skillforge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.skillforge.local.load.LoadRun;

/** The load run in its short form (the long one is ./load.sh): no 5xx, and every counter exact afterwards. */
class LoadIT {

    @Test
    void concurrentStudentsLoseNothing() throws Exception {
        LocalCloud cloud = TestClouds.start("local-cloud-load-it", false, line -> { });
        try {
            LoadRun.Result result = new LoadRun(cloud).run(12, Duration.ofSeconds(Integer.getInteger("load.seconds", 12)));
            assertEquals(0, result.serverErrors(), "5xx answers: " + result.statusCounts());
            assertTrue(result.requests() > 100, "the run did work: " + result.requests());
            assertTrue(result.exact(), "aggregates after the run: " + result.rating() + " expected enrollments " + result.enrolled()
                    + ", completions " + result.completed() + ", reviews " + result.reviewed() + ", rating sum " + result.ratingSum());
        } finally {
            TestClouds.stop(cloud);
        }
    }
}
