package dev.prune.train;

import com.sun.jna.NativeLibrary;

/**
 * Gives memory that libtorch has freed back to the operating system. glibc keeps freed pages in its
 * malloc arenas, so after a stage's models are closed the process would keep their footprint; with
 * {@code malloc_trim(0)} the RSS of the next stage starts from what is actually in use. A no-op where the
 * C library has no {@code malloc_trim} (not glibc).
 */
public final class NativeMemory {

    private NativeMemory() {
    }

    public static void release() {
        System.gc();
        try {
            NativeLibrary.getInstance("c").getFunction("malloc_trim").invokeInt(new Object[] {0});
        } catch (UnsatisfiedLinkError | RuntimeException notGlibc) {
            // Nothing to trim on this C library; the figure is then what the allocator keeps.
        }
    }
}
