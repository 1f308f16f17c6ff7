package dev.prune.train;

import dev.prune.plan.ProgressionSpec;
import dev.prune.plan.ScheduleSpec;
import dev.prune.plan.Duration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Expected values computed by hand in the comments. */
class SchedulesTest {

    private static final double EPS = 1e-12;

    @Test
    void constantWithWarmupRampsFromZero() {
        // warmup 4 steps, base 0.1: 0, 0.025, 0.05, 0.075, then 0.1
        LrSchedule s = LrSchedule.of(ScheduleSpec.constant(Duration.steps(4)), 0.1, 10, 5);
        double[] expected = {0, 0.025, 0.05, 0.075, 0.1, 0.1, 0.1};
        for (int step = 0; step < expected.length; step++) {
            assertEquals(expected[step], s.lr(step), EPS, "step " + step);
        }
        assertEquals(0.1, LrSchedule.of(ScheduleSpec.constant(Duration.steps(0)), 0.1, 10, 5).lr(0), EPS);
    }

    @Test
    void cosineDecaysToMinLrAfterWarmup() {
        // total 12, warmup 0.4 epochs x 5 steps = 2 steps, base 1, min 0.1; span 10 after warmup:
        // s=2: 1; s=7 (half): 0.1 + 0.9 * (1 + cos(pi/2)) / 2 = 0.55; s=12: 0.1;
        // s=4: 0.1 + 0.9 * (1 + cos(0.2 pi)) / 2 = 0.1 + 0.45 * 1.809017 = 0.914058
        LrSchedule s = LrSchedule.of(ScheduleSpec.cosine(Duration.epochs(0.4), 0.1), 1.0, 12, 5);
        assertEquals(2, s.warmupSteps());
        assertEquals(0, s.lr(0), EPS);
        assertEquals(0.5, s.lr(1), EPS);
        assertEquals(1, s.lr(2), EPS);
        assertEquals(0.9140576474687264, s.lr(4), 1e-12);
        assertEquals(0.55, s.lr(7), EPS);
        assertEquals(0.1, s.lr(12), EPS);
    }

    @Test
    void stepDecaysEveryPeriodFromTheStageStart() {
        // every 1 epoch = 3 steps, gamma 0.5, base 0.2: steps 0-2 0.2, 3-5 0.1, 6-8 0.05
        LrSchedule s = LrSchedule.of(ScheduleSpec.step(Duration.epochs(1), 0.5, Duration.steps(0)), 0.2, 9, 3);
        double[] expected = {0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05};
        for (int step = 0; step < expected.length; step++) {
            assertEquals(expected[step], s.lr(step), EPS, "step " + step);
        }
        // with warmup 2: 0, 0.1 (half of step 2's rate, 0.2), then as before
        LrSchedule warm = LrSchedule.of(ScheduleSpec.step(Duration.steps(3), 0.5, Duration.steps(2)), 0.2, 9, 3);
        assertEquals(0, warm.lr(0), EPS);
        assertEquals(0.1, warm.lr(1), EPS);
        assertEquals(0.2, warm.lr(2), EPS);
        assertEquals(0.1, warm.lr(3), EPS);
    }

    @Test
    void aStepSchedulesPeriodMustBeAStepAtLeast() {
        assertThrows(IllegalArgumentException.class,
                () -> LrSchedule.of(ScheduleSpec.step(Duration.steps(0), 0.5, Duration.steps(0)), 0.1, 10, 5));
    }

    @Test
    void warmupLongerThanTheStageIsCut() {
        LrSchedule s = LrSchedule.of(ScheduleSpec.constant(Duration.epochs(3)), 1, 4, 2);
        assertEquals(4, s.warmupSteps());
        assertEquals(0.75, s.lr(3), EPS);
    }

    @Test
    void linearLambdaReachesToAtUntil() {
        // until 0.5 epochs x 8 steps = 4 steps, 0 -> 1: 0, 0.25, 0.5, 0.75, 1, 1
        LambdaSchedule s = LambdaSchedule.of(new ProgressionSpec(ProgressionSpec.Kind.LINEAR, 0, 1, Duration.epochs(0.5)), 8);
        float[] expected = {0, 0.25f, 0.5f, 0.75f, 1, 1, 1};
        for (int step = 0; step < expected.length; step++) {
            assertEquals(expected[step], s.lambda(step), 0f, "step " + step);
        }
        // from 0.2 to 0.8 over 3 steps: 0.2, 0.4, 0.6, 0.8
        LambdaSchedule part = LambdaSchedule.of(new ProgressionSpec(ProgressionSpec.Kind.LINEAR, 0.2, 0.8, Duration.steps(3)), 8);
        assertEquals(0.4f, part.lambda(1), 1e-7f);
        assertEquals(0.8f, part.lambda(3), 0f);
    }

    @Test
    void cosineLambdaIsSlowAtBothEnds() {
        // until 4: (1 - cos(pi s / 4)) / 2 = 0, 0.146447, 0.5, 0.853553, 1
        LambdaSchedule s = LambdaSchedule.of(new ProgressionSpec(ProgressionSpec.Kind.COSINE, 0, 1, Duration.steps(4)), 8);
        assertEquals(0f, s.lambda(0), 0f);
        assertEquals(0.14644661f, s.lambda(1), 1e-7f);
        assertEquals(0.5f, s.lambda(2), 1e-7f);
        assertEquals(0.85355339f, s.lambda(3), 1e-7f);
        assertEquals(1f, s.lambda(4), 0f);
        assertEquals(1f, s.lambda(100), 0f);
    }

    @Test
    void immediateIsOneFromTheFirstStep() {
        LambdaSchedule s = LambdaSchedule.of(ProgressionSpec.immediate(), 8);
        assertEquals(1f, s.lambda(0), 0f);
        assertEquals(1f, s.lambda(17), 0f);
    }

    @Test
    void durationsConvertWithStepsPerEpoch() {
        assertEquals(235, Duration.epochs(0.5).toSteps(469));
        assertEquals(500, Duration.steps(500).toSteps(469));
        assertEquals("0.5 epochs", Duration.epochs(0.5).toString());
        assertThrows(IllegalArgumentException.class, () -> Duration.steps(1).toSteps(0));
    }
}
