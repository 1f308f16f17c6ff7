package dev.prune.train;

import dev.prune.data.Batch;
import dev.prune.data.BatchLoader;
import dev.prune.data.DataException;
import java.util.Iterator;
import java.util.List;

/**
 * One pass of batches for a loop: a {@link BatchLoader} in a run, a fixed list in tests. Closing stops the
 * loader's threads.
 */
public interface Batches extends AutoCloseable {

    boolean hasNext();

    Batch next() throws DataException;

    @Override
    void close();

    static Batches of(BatchLoader loader) {
        return new Batches() {
            @Override
            public boolean hasNext() {
                return loader.hasNext();
            }

            @Override
            public Batch next() throws DataException {
                return loader.next();
            }

            @Override
            public void close() {
                loader.close();
            }
        };
    }

    static Batches of(List<Batch> batches) {
        Iterator<Batch> it = batches.iterator();
        return new Batches() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Batch next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }

    /** At most the first {@code max} batches: a search may score candidates on part of a split, or recalibrate on a few. */
    default Batches first(int max) {
        Batches all = this;
        return new Batches() {
            private int taken;

            @Override
            public boolean hasNext() {
                return taken < max && all.hasNext();
            }

            @Override
            public Batch next() throws DataException {
                taken++;
                return all.next();
            }

            @Override
            public void close() {
                all.close();
            }
        };
    }

    /**
     * Drops the first {@code count} batches: resuming mid-epoch from a checkpoint, whose position says how many
     * batches of the epoch were done (the loader gives the same batches again, fixed by seed and epoch).
     */
    default Batches skip(int count) throws DataException {
        for (int i = 0; i < count && hasNext(); i++) {
            next();
        }
        return this;
    }
}
