package dev.prune.api;

/** The body of {@code train baseline|supernet|subnet { ... }}. */
public final class TrainSection extends SectionBuilder<TrainSection> {

    TrainSection(Settings settings) {
        super(settings);
    }

    @Override
    TrainSection with(Settings settings) {
        return new TrainSection(settings);
    }

    /** {@code epochs 3} (fractions allowed). A stage has epochs or steps, never both, so this takes the place of {@code steps}. */
    public TrainSection epochs(Object count) {
        return with(settings.putInstead("steps", "epochs", exprs(count)));
    }

    /** {@code steps 500}. A stage has epochs or steps, never both, so this takes the place of {@code epochs}. */
    public TrainSection steps(Object count) {
        return with(settings.putInstead("epochs", "steps", exprs(count)));
    }

    /** {@code optimizer adamw(lr: 2e-3)}. */
    public TrainSection optimizer(CallBuilder optimizer) {
        return set("optimizer", optimizer);
    }

    /** {@code schedule cosine(warmup: 0.5 epochs)}. */
    public TrainSection schedule(CallBuilder schedule) {
        return set("schedule", schedule);
    }

    /** {@code sample uniform(p: 0.5)}: supernet only. */
    public TrainSection sample(CallBuilder sampler) {
        return set("sample", sampler);
    }

    /** {@code progressive linear(until: 2 epochs)}: subnet only. */
    public TrainSection progressive(CallBuilder progression) {
        return set("progressive", progression);
    }

    /** {@code label_smoothing 0.1}. */
    public TrainSection labelSmoothing(Object amount) {
        return set("label_smoothing", amount);
    }

    /** {@code clip_grad 1.0}. */
    public TrainSection clipGrad(Object maxNorm) {
        return set("clip_grad", maxNorm);
    }
}
