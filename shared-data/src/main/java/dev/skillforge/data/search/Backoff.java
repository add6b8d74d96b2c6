package dev.skillforge.data.search;

/** Jittered exponential pauses between the index writers' retries after losing a conditional write. */
final class Backoff {

    private Backoff() {
    }

    static void pause(int round) {
        try {
            Thread.sleep((long) (Math.random() * Math.min(500, 10L << Math.min(round, 6))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a search index write", e);
        }
    }
}
