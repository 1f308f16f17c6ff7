package dev.prune.rewrite;

import java.util.Arrays;

/** Permutations between channels-first (features on axis 1) and channels-last (features on the last axis). */
final class Layout {

    private Layout() {
    }

    /** [0, r−1, 1, …, r−2]: moves the last axis to axis 1 (NHWC → NCHW, [N,T,D] → [N,D,T]). */
    static int[] lastToOne(int rank) {
        int[] p = new int[rank];
        p[1] = rank - 1;
        for (int i = 2; i < rank; i++) {
            p[i] = i - 1;
        }
        return p;
    }

    /** [0, 2, …, r−1, 1]: moves axis 1 to the end, the inverse of {@link #lastToOne}. */
    static int[] oneToLast(int rank) {
        int[] p = new int[rank];
        for (int i = 1; i < rank - 1; i++) {
            p[i] = i + 1;
        }
        p[rank - 1] = 1;
        return p;
    }

    static boolean isToChannelsLast(int[] perm) {
        return perm != null && perm.length > 2 && Arrays.equals(perm, oneToLast(perm.length));
    }

    static boolean isToChannelsFirst(int[] perm) {
        return perm != null && perm.length > 2 && Arrays.equals(perm, lastToOne(perm.length));
    }

    /** Whether applying {@code p} then {@code q} leaves every axis where it was. */
    static boolean cancel(int[] p, int[] q) {
        if (p == null || q == null || p.length != q.length) {
            return false;
        }
        for (int i = 0; i < q.length; i++) {
            if (p[q[i]] != i) {
                return false;
            }
        }
        return true;
    }
}
