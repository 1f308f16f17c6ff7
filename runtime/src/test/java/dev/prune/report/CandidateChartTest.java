package dev.prune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search chart's score axis says what ranked the candidates: {@code score top1|loss on val|train}. */
class CandidateChartTest {

    private static List<CandidateLine> scored(String metric, String split) {
        return List.of(new CandidateLine(List.of("b1"), 2_000_000, 100, 0.9, metric, split, null, true),
                new CandidateLine(List.of("b2"), 3_000_000, 100, 1.4, metric, split, null, false));
    }

    @Test
    void theScoreAxisFollowsTheScore() {
        assertEquals("search score (top-1 on val)", CandidateChart.scoreAxis(scored("top1", "val")));
        assertEquals("search score (loss on train)", CandidateChart.scoreAxis(scored("loss", "train")));
        BufferedImage image = CandidateChart.render(scored("loss", "train"), new ChartSize(640, 400));
        assertEquals(640, image.getWidth());
    }
}
