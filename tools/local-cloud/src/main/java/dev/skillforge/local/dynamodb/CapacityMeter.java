package dev.skillforge.local.dynamodb;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Predicate;

/**
 * LOCAL ONLY. The read and write units every function consumed on the local DynamoDB endpoint, as DynamoDB would
 * report them with ReturnConsumedCapacity (reads as dynalite charges them, writes by {@link CapacityRules}). The
 * capacity tests take a total before and after each request to learn what one request of a route costs.
 */
public final class CapacityMeter {

    /** Read and write units, and the number of DynamoDB calls that consumed them. */
    public record Units(double read, double write, long calls) {

        public Units minus(Units earlier) {
            return new Units(read - earlier.read, write - earlier.write, calls - earlier.calls);
        }
    }

    private record Counter(DoubleAdder read, DoubleAdder write, java.util.concurrent.atomic.LongAdder calls) {
    }

    private final Map<String, Counter> byFunction = new ConcurrentHashMap<>();

    void add(String functionName, double readUnits, double writeUnits) {
        Counter counter = byFunction.computeIfAbsent(functionName,
                name -> new Counter(new DoubleAdder(), new DoubleAdder(), new java.util.concurrent.atomic.LongAdder()));
        counter.read().add(readUnits);
        counter.write().add(writeUnits);
        counter.calls().increment();
    }

    /** What the functions whose names match consumed so far. */
    /**
     * {@link #total} once nothing has been metered for a quiet moment (250 ms): a request's follow-up calls can end after
     * its answer, and a measurement taken before them would miss them.
     */
    public Units settledTotal(Predicate<String> functionName) {
        Units last = total(functionName);
        while (true) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            Units now = total(functionName);
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
    }

    public Units total(Predicate<String> functionName) {
        double read = 0;
        double write = 0;
        long calls = 0;
        for (Map.Entry<String, Counter> entry : byFunction.entrySet()) {
            if (functionName.test(entry.getKey())) {
                read += entry.getValue().read().sum();
                write += entry.getValue().write().sum();
                calls += entry.getValue().calls().sum();
            }
        }
        return new Units(read, write, calls);
    }
}
