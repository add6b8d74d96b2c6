package dev.skillforge.local.scale;

import java.util.Arrays;
import java.util.Random;

/**
 * Ranks drawn with Zipf's law (rank r has weight 1/r): a few words and courses are very popular, most are rare, as
 * words in course titles and learners' choices are. Draws are deterministic for a given {@link Random}.
 */
final class Zipf {

    private final double[] cumulative;

    Zipf(int size) {
        cumulative = new double[size];
        double sum = 0;
        for (int rank = 1; rank <= size; rank++) {
            sum += 1.0 / rank;
            cumulative[rank - 1] = sum;
        }
        for (int i = 0; i < size; i++) {
            cumulative[i] /= sum;
        }
    }

    /** A zero-based rank. */
    int next(Random random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(cumulative.length - 1, index >= 0 ? index : -index - 1);
    }
}
