package dev.prune.data;

import java.util.SplittableRandom;

/**
 * Random streams derived from the recipe's seed and a position (epoch, example), never from a shared
 * generator: the numbers an example gets do not depend on which thread made it or in which order, so one
 * worker and eight give the same batches.
 */
final class Seeds {

    /** What a stream is for, mixed in so that the shuffle of epoch 3 and the augmentation of example 3 differ. */
    enum Purpose {
        VAL_SPLIT, SHUFFLE, AUGMENT
    }

    private Seeds() {
    }

    static SplittableRandom random(long seed, Purpose purpose, long... position) {
        long h = mix(seed ^ 0x6a09e667f3bcc909L);
        h = mix(h ^ (purpose.ordinal() + 1));
        for (long p : position) {
            h = mix(h ^ p);
        }
        return new SplittableRandom(h);
    }

    /** A random permutation of {@code 0..n-1} (Fisher-Yates). */
    static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** SplitMix64's finalizer: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
