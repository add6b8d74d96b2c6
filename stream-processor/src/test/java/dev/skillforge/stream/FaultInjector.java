package dev.skillforge.stream;

import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.stream.apply.Applier;

/**
 * TEST ONLY: an applier that fails chosen events once, or any event with a given probability, to drive the
 * processor's failure path (reported batch item failures, retries, replays).
 */
@ApplicationScoped
public class FaultInjector implements Applier {

    static final Set<String> FAIL_ONCE = ConcurrentHashMap.newKeySet();
    static volatile double failureRate;
    static volatile Random random = new Random(1);
    /** The concern (failure domain) whose processing fails. */
    static volatile StreamConsumer concern = StreamConsumer.AGGREGATES;

    static void reset() {
        FAIL_ONCE.clear();
        failureRate = 0;
        concern = StreamConsumer.AGGREGATES;
    }

    @Override
    public StreamConsumer consumer() {
        return concern;
    }

    @Override
    public String name() {
        return "fault-injector";
    }

    @Override
    public boolean appliesTo(ChangeEvent event) {
        return FAIL_ONCE.contains(event.eventId()) || (failureRate > 0 && random.nextDouble() < failureRate);
    }

    @Override
    public void apply(ChangeEvent event) {
        FAIL_ONCE.remove(event.eventId());
        throw new IllegalStateException("injected failure for " + event.eventId());
    }
}
