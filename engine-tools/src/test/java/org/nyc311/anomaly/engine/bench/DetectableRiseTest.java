package org.nyc311.anomaly.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;
import org.nyc311.forecast.interval.CountIntervals;

class DetectableRiseTest {

    @Test
    void aRiseIsAlertedWhenEachOfItsDaysExceedsThePoissonUpperBound() {
        CountIntervals poisson = CountIntervals.ofDispersion(0, 0.95);
        // Poisson(4)'s 97.5% quantile is 8; at a mean of 8 a day exceeds 8 with chance 1 - P(X <= 8)
        double exceed = 1 - new PoissonDistribution(8).cumulativeProbability(8);

        assertThat(poisson.exceedance(8, 8)).isCloseTo(exceed, within(1e-9));
        assertThat(DetectableRise.alerted(poisson, 8, 8)).isCloseTo(Math.pow(exceed, 3), within(1e-9));
    }

    @Test
    void theSmallestDetectableRiseShrinksWithTheLevelAndGrowsWithTheDispersion() {
        double atTwo = DetectableRise.smallestRise(2, 0, 0.95);
        double atTwenty = DetectableRise.smallestRise(20, 0, 0.95);
        double atTwentyOverdispersed = DetectableRise.smallestRise(20, 1, 0.95);

        assertThat(atTwenty).isLessThan(atTwo).isGreaterThan(1);
        assertThat(atTwentyOverdispersed).isGreaterThan(atTwenty);
        // the rise found is alerted 9 times in 10, and 0.05 less is not
        CountIntervals poisson = CountIntervals.ofDispersion(0, 0.95);
        double upper = poisson.bounds(new double[] {20}, 0)[1][0];
        assertThat(DetectableRise.alerted(poisson, 20 * atTwenty, upper)).isGreaterThanOrEqualTo(0.9);
        assertThat(DetectableRise.alerted(poisson, 20 * (atTwenty - 0.05), upper))
                .isLessThan(0.9);
    }

    @Test
    void theTableHasARowPerLevelAndDispersion() {
        String md = DetectableRise.markdown(0.95);

        assertThat(md.lines().filter(l -> l.matches("\\| [0-9].*")))
                .hasSize(DetectableRise.LEVELS.length * DetectableRise.DISPERSIONS.length);
    }
}
