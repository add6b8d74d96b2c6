package dev.skillforge.stream.apply;

import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.stream.ChangeEvent;

/** One concern of the stream-processor. Every apply must be safe to repeat for the same event. */
public interface Applier {

    /** Stable name, part of the applied-event markers' keys. */
    String name();

    /** The stream consumer (failure domain) this concern runs in. */
    StreamConsumer consumer();

    boolean appliesTo(ChangeEvent event);

    void apply(ChangeEvent event);
}
