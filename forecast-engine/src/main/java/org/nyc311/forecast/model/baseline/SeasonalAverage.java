package org.nyc311.forecast.model.baseline;

import java.util.Map;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.ModelFamily;
import org.nyc311.forecast.model.FittedModel;
import org.nyc311.forecast.model.ForecastModel;
import org.nyc311.forecast.model.LogScale;

/**
 * Weekday by weekday, the mean of the last {@code weeks} weeks on the log1p scale. Seasonal naive
 * copies one week's noise into the forecast; averaging a few weeks removes most of it, which is
 * why this simple model often beats seasonal naive on noisy daily counts.
 */
public final class SeasonalAverage implements ForecastModel {

    private final int weeks;

    public SeasonalAverage(int weeks) {
        if (weeks < 1) {
            throw new IllegalArgumentException("weeks must be >= 1, was " + weeks);
        }
        this.weeks = weeks;
    }

    public int weeks() {
        return weeks;
    }

    @Override
    public String name() {
        return "seasonal_average";
    }

    @Override
    public ModelFamily family() {
        return ModelFamily.SEASONAL_AVERAGE;
    }

    @Override
    public Map<String, String> hyperparameters() {
        return Map.of("weeks", Integer.toString(weeks));
    }

    @Override
    public FittedModel fit(DailySeries history) {
        int n = history.length();
        double[] z = LogScale.toLog(history.values(), n);
        double[] profile = new double[SeasonalNaive.PERIOD];
        int period = Math.min(SeasonalNaive.PERIOD, n);
        for (int d = 0; d < period; d++) {
            // d indexes the weekday of future day h = d (mod 7); walk back over whole weeks
            double sum = 0;
            int count = 0;
            for (int t = n - period + d; t >= 0 && count < weeks; t -= period) {
                sum += z[t];
                count++;
            }
            profile[d] = count == 0 ? 0 : sum / count;
        }
        return horizon -> {
            double[] out = new double[horizon];
            if (n == 0) {
                return out;
            }
            for (int h = 0; h < horizon; h++) {
                out[h] = LogScale.toCount(profile[h % period]);
            }
            return out;
        };
    }
}
