package dev.skillforge.stream;

import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.skillforge.data.config.SkillForgeConfig;
import dev.skillforge.data.table.StreamConsumer;

/**
 * Which stream consumer this function is (SKILLFORGE_STREAM_CONSUMERS: {@code aggregates} or {@code records}; the
 * deployed functions are one each). Tests and the maintenance commands may name both.
 */
@ApplicationScoped
public class ConsumerSelection {

    private final Set<StreamConsumer> consumers;

    public ConsumerSelection(SkillForgeConfig config) {
        Set<StreamConsumer> selected = EnumSet.noneOf(StreamConsumer.class);
        config.stream().consumers().forEach(id -> selected.add(StreamConsumer.of(id.trim())));
        this.consumers = Set.copyOf(selected);
    }

    public boolean includes(StreamConsumer consumer) {
        return consumers.contains(consumer);
    }

    public Set<StreamConsumer> consumers() {
        return consumers;
    }

    /** The "service" of this function's metrics: the consumer's function name, or the package's when it runs both. */
    public String serviceName() {
        return consumers.size() == 1 ? consumers.iterator().next().functionName() : "stream-processor";
    }
}
