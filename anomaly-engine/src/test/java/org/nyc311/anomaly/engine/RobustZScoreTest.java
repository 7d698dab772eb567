package org.nyc311.anomaly.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RobustZScoreTest {

    /** 28 residuals evenly spread over [-16, 16]: a MAD-based scale of about 12. */
    private static double[] ordinaryWindow() {
        double[] w = new double[28];
        for (int i = 0; i < w.length; i++) {
            w[i] = ((i * 5) % 28 - 13.5) * 1.2;
        }
        return w;
    }

    @Test
    void anOutlierInTheWindowBarelyMovesTheScore() {
        double[] window = ordinaryWindow();
        double clean = RobustZScore.score(40, 50, window);
        double[] stormy = window.clone();
        stormy[5] = 5_000;

        double withOutlier = RobustZScore.score(40, 50, stormy);

        assertThat(clean).isGreaterThan(3);
        assertThat(withOutlier).isCloseTo(clean, within(0.1 * clean));
    }

    @Test
    void aConstantResidualGivesAFiniteScoreScaledByTheCountFloor() {
        double[] constant = new double[28];
        Arrays.fill(constant, 2.0);

        double z = RobustZScore.score(6.0, 16.0, constant);

        // MAD is 0: the scale falls back to sqrt(yhat) = 4, so (6 - 2) / 4
        assertThat(z).isFinite().isCloseTo(1.0, within(1e-12));
        assertThat(RobustZScore.score(2.0, 16.0, constant)).isZero();
    }

    @Test
    void aZeroForecastStillScalesByAtLeastOneRequest() {
        assertThat(RobustZScore.score(3, 0, new double[] {0, 0, 0})).isEqualTo(3.0);
    }

    @Test
    void noHistoryScoresAgainstZeroWithTheFloor() {
        assertThat(RobustZScore.score(20, 100, new double[0])).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void aScoreIsCentredOnTheWindowsMedian() {
        double[] biased = new double[] {10, 11, 9, 10, 12, 8, 10};

        assertThat(RobustZScore.score(10, 1, biased)).isZero();
        assertThat(RobustZScore.score(0, 1, biased)).isNegative();
    }
}
