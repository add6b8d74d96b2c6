package dev.skillforge.local.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.skillforge.local.benchmark.BenchmarkReport;
import dev.skillforge.local.dynamodb.CapacityMeter;

/**
 * Runs workloads one after the other and summarizes each. A yardstick request (the cheapest GET through the same
 * gateway, authorizer and Lambda path) is sent before every {@link #YARDSTICK_EVERY}th request of a block, so each block
 * has its own yardstick taken in the same minute: on a shared machine whose speed drifts, a route's latency divided by
 * its block's yardstick is what can be compared between runs, not the milliseconds.
 */
public final class RouteRun {

    static final int YARDSTICK_EVERY = 4;

    /** One request as measured (for the raw CSV). */
    public record Sample(String route, String scenario, int status, long nanos, double readUnits, double writeUnits) {
    }

    /** A block's summary: statuses, units per request (mean and most), latency percentiles and its yardstick's. */
    public record Result(String route, String scenario, int requests, int asExpected, Map<Integer, Integer> statuses,
            double readMean, double readMax, double writeMean, double writeMax, double p50Millis, double p90Millis,
            double p99Millis, double maxMillis, double yardstickP50Millis, double yardstickP90Millis, List<Sample> samples,
            List<Sample> yardstick) {

        /** The median request's read units. */
        public double readP50() {
            List<Double> reads = samples.stream().map(Sample::readUnits).sorted().toList();
            return reads.isEmpty() ? 0 : reads.get((reads.size() - 1) / 2);
        }

        /** Requests that took more read or write units than {@code read} and {@code write}. */
        public long over(double read, double write) {
            return samples.stream().filter(s -> s.readUnits() > read || s.writeUnits() > write).count();
        }

        public double p50Ratio() {
            return p50Millis / yardstickP50Millis;
        }

        public double p90Ratio() {
            return p90Millis / yardstickP50Millis;
        }

        public double p99Ratio() {
            return p99Millis / yardstickP50Millis;
        }
    }

    private final RouteDriver driver;
    private final RouteDriver.Call yardstick;
    private final String yardstickRoute;
    private final List<String> problems;

    public RouteRun(RouteDriver driver, String yardstickRoute, RouteDriver.Call yardstick, List<String> problems) {
        this.driver = driver;
        this.yardstickRoute = yardstickRoute;
        this.yardstick = yardstick;
        this.problems = problems;
    }

    public Result run(Workload workload) {
        // the previous block's late follow-ups (if any) are not this block's
        CapacityMeter.Units start = driver.settledUnits();
        List<Sample> samples = new ArrayList<>();
        List<Sample> yardsticks = new ArrayList<>();
        CapacityMeter.Units yardstickUnits = new CapacityMeter.Units(0, 0, 0);
        Map<Integer, Integer> statuses = new TreeMap<>();
        int asExpected = 0;
        for (int i = 0; i < workload.requests(); i++) {
            if (i % YARDSTICK_EVERY == 0) {
                RouteDriver.Answer reference = driver.send(yardstick);
                if (reference.status() != 200) {
                    problems.add("yardstick " + yardstick.path() + " answered " + reference.status());
                }
                yardstickUnits = plus(yardstickUnits, reference.units());
                yardsticks.add(sample(yardstickRoute, "yardstick", reference));
            }
            RouteDriver.Call call = workload.call().apply(i);
            RouteDriver.Answer answer = driver.send(call);
            statuses.merge(answer.status(), 1, Integer::sum);
            if (answer.status() == workload.expectedStatus()) {
                asExpected++;
                workload.check().check(i, answer, problems);
            } else if (statuses.get(answer.status()) <= 3) {
                problems.add(workload.route() + " (" + workload.scenario() + ") " + call.method() + " " + call.path() + " answered "
                        + answer.status() + ", expected " + workload.expectedStatus() + ": " + answer.body());
            }
            samples.add(sample(workload.route(), workload.scenario(), answer));
        }
        CapacityMeter.Units block = driver.settledUnits().minus(start);
        // the block's settled total is the truth for the mean: it includes any follow-up that ended after an answer
        double read = block.read() - yardstickUnits.read();
        double write = block.write() - yardstickUnits.write();
        List<Long> nanos = samples.stream().map(Sample::nanos).toList();
        List<Long> yardstickNanos = yardsticks.stream().map(Sample::nanos).toList();
        return new Result(workload.route(), workload.scenario(), workload.requests(), asExpected, statuses,
                read / workload.requests(), samples.stream().mapToDouble(Sample::readUnits).max().orElse(0),
                write / workload.requests(), samples.stream().mapToDouble(Sample::writeUnits).max().orElse(0),
                millis(nanos, 50), millis(nanos, 90), millis(nanos, 99), millis(nanos, 100),
                millis(yardstickNanos, 50), millis(yardstickNanos, 90), samples, yardsticks);
    }

    private static Sample sample(String route, String scenario, RouteDriver.Answer answer) {
        return new Sample(route, scenario, answer.status(), answer.nanos(), answer.units().read(), answer.units().write());
    }

    private static CapacityMeter.Units plus(CapacityMeter.Units a, CapacityMeter.Units b) {
        return new CapacityMeter.Units(a.read() + b.read(), a.write() + b.write(), a.calls() + b.calls());
    }

    static double millis(List<Long> nanos, double percentile) {
        return BenchmarkReport.percentile(nanos, percentile) / 1e6;
    }
}
