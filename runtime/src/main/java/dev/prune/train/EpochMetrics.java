package dev.prune.train;

import java.util.Locale;

/**
 * One epoch of one stage, for {@code metrics.jsonl} and the report.
 *
 * @param meanLoss     the training loss averaged over examples (with the stage's label smoothing)
 * @param top1         training top-1 accuracy, measured on the batches as trained (TRAIN mode, augmented)
 * @param lr           the learning rate of the epoch's last step
 * @param lambda       {@link LambdaPlan#level} at the epoch's last step (NaN for a baseline)
 * @param clippedSteps steps whose gradient norm exceeded the bound and was scaled down
 */
public record EpochMetrics(String stage, int epoch, int steps, long examples, double meanLoss, double top1, double lr, double lambda,
        double meanGradNorm, int clippedSteps, double seconds) {

    /** One JSON object on one line, numbers as Java prints them (NaN as null). */
    public String toJsonLine() {
        return String.format(Locale.ROOT,
                "{\"stage\":\"%s\",\"epoch\":%d,\"steps\":%d,\"examples\":%d,\"loss\":%s,\"top1\":%s,\"lr\":%s,\"lambda\":%s,"
                        + "\"grad_norm\":%s,\"clipped_steps\":%d,\"seconds\":%s}",
                stage, epoch, steps, examples, num(meanLoss), num(top1), num(lr), num(lambda), num(meanGradNorm), clippedSteps, num(seconds));
    }

    private static String num(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }
}
