package dev.skillforge.stream.apply;

import java.util.List;

import dev.skillforge.stream.ChangeEvent;

/**
 * An applier that can take many events in one go (fewer, larger DynamoDB calls). The events come in stream order
 * and are ones it applies to; like {@link Applier#apply}, applying them again must change nothing.
 */
public interface BatchApplier extends Applier {

    void applyAll(List<ChangeEvent> events);

    @Override
    default void apply(ChangeEvent event) {
        applyAll(List.of(event));
    }
}
