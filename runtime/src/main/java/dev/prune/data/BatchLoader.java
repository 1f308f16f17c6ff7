package dev.prune.data;

import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One pass over a split in batches, decoded ahead of the consumer on {@code workers} background threads.
 *
 * <p>Each batch is one task, and at most {@code 2 x workers} tasks are in flight: that window is the bounded
 * queue, so memory stays at a few batches however slow the consumer. Batches are handed out in order,
 * and everything random about a batch comes from (seed, epoch, example), never from the thread that made
 * it, so the batches are the same with one worker or many.
 *
 * <pre>{@code
 * try (BatchLoader loader = dataset.trainBatches(epoch)) {
 *     while (loader.hasNext()) {
 *         Batch batch = loader.next();
 *         ...
 *     }
 * }
 * }</pre>
 * Closing stops the threads; a loader is used by one consumer thread.
 */
public final class BatchLoader implements AutoCloseable {

    private static final AtomicInteger LOADERS = new AtomicInteger();

    private final Split split;
    private final Pipeline pipeline;
    private final boolean training;
    private final long seed;
    private final int epoch;
    private final int batchSize;
    private final int[] order;
    private final int batches;
    private final int window;
    private final ExecutorService workers;
    private final ArrayDeque<Future<Batch>> inFlight = new ArrayDeque<>();
    private int submitted;
    private int taken;
    private boolean closed;

    private BatchLoader(Split split, Pipeline pipeline, boolean training, long seed, int epoch, int batchSize, int workerCount) {
        this.split = split;
        this.pipeline = pipeline;
        this.training = training;
        this.seed = seed;
        this.epoch = epoch;
        this.batchSize = batchSize;
        this.order = training ? Seeds.permutation(split.size(), Seeds.random(seed, Seeds.Purpose.SHUFFLE, epoch)) : identity(split.size());
        this.batches = batchCount(split.size(), batchSize, training);
        this.window = 2 * workerCount;
        this.workers = Executors.newFixedThreadPool(workerCount, daemonThreads("prune-data-" + LOADERS.incrementAndGet()));
        submitAhead();
    }

    /** Shuffled by (seed, epoch), augmented. */
    static BatchLoader training(Split split, Pipeline pipeline, int batchSize, int workers, long seed, int epoch) {
        return new BatchLoader(split, pipeline, true, seed, epoch, batchSize, workers);
    }

    /** In order, not augmented. */
    static BatchLoader evaluation(Split split, Pipeline pipeline, int batchSize, int workers) {
        return new BatchLoader(split, pipeline, false, 0, 0, batchSize, workers);
    }

    /**
     * Batches in one pass. Training leaves out a trailing batch of a single example: BatchNorm cannot
     * normalise one value per channel in training mode, and PyTorch stops with an error on it.
     */
    static int batchCount(int examples, int batchSize, boolean training) {
        int count = (examples + batchSize - 1) / batchSize;
        boolean loneLast = batchSize > 1 && examples % batchSize == 1;
        return training && loneLast ? count - 1 : count;
    }

    public int batches() {
        return batches;
    }

    public boolean hasNext() {
        return !closed && taken < batches;
    }

    /**
     * The next batch, waiting for it if the workers are behind.
     *
     * @throws DataException         if an image of the batch could not be decoded (the loader is then closed)
     * @throws CancellationException if the thread was interrupted while waiting
     */
    public Batch next() throws DataException {
        if (!hasNext()) {
            throw new NoSuchElementException(closed ? "the loader is closed" : "all " + batches + " batches were taken");
        }
        Future<Batch> future = inFlight.removeFirst();
        taken++;
        submitAhead();
        try {
            return future.get();
        } catch (ExecutionException e) {
            close();
            if (e.getCause() instanceof DataException data) {
                throw new DataException(data.path(), data.reason(), data);
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("a data worker failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new CancellationException("interrupted while waiting for a batch");
        }
    }

    /** Stops the workers, dropping batches made ahead; waits briefly so no thread outlives the loader. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        inFlight.forEach(f -> f.cancel(true));
        inFlight.clear();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void submitAhead() {
        while (!closed && submitted < batches && inFlight.size() < window) {
            int from = submitted * batchSize;
            int to = Math.min(from + batchSize, split.size());
            inFlight.addLast(workers.submit(() -> make(from, to)));
            submitted++;
        }
    }

    /** Decodes, transforms and packs the examples at shuffled positions {@code from..to-1}. Runs on a worker. */
    private Batch make(int from, int to) throws DataException {
        int n = to - from;
        float[] images = null;
        int[] labels = new int[n];
        int[] shape = null;
        for (int i = 0; i < n; i++) {
            if (Thread.interrupted()) {
                throw new CancellationException("the loader was closed");
            }
            int position = order[from + i];
            Image raw = split.read(position);
            Image image = training
                    ? pipeline.train(raw, Seeds.random(seed, Seeds.Purpose.AUGMENT, epoch, split.sourceIndex(position)))
                    : pipeline.eval(raw);
            if (images == null) {
                shape = new int[] {n, image.channels(), image.height(), image.width()};
                images = new float[n * image.pixels().length];
            }
            System.arraycopy(image.pixels(), 0, images, i * image.pixels().length, image.pixels().length);
            labels[i] = split.label(position);
        }
        return new Batch(images, labels, shape);
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true); // a loader left open must not keep the JVM alive
            return thread;
        };
    }
}
