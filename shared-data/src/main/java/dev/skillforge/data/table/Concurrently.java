package dev.skillforge.data.table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/** Independent DynamoDB calls made at the same time, a bounded number at once, on virtual threads. */
public final class Concurrently {

    private Concurrently() {
    }

    /** Runs {@code work} for every item, at most {@code limit} at a time; waits for all and rethrows the first failure. */
    public static <T> void forEach(Collection<T> items, int limit, Consumer<T> work) {
        if (items.size() <= 1) {
            items.forEach(work);
            return;
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore slots = new Semaphore(limit);
            List<Future<?>> pending = new ArrayList<>();
            for (T item : items) {
                pending.add(executor.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        work.accept(item);
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> future : pending) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for concurrent calls", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }
}
