package org.nyc311.forecast.model.baseline;

import java.util.Map;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.ModelFamily;
import org.nyc311.forecast.model.FittedModel;
import org.nyc311.forecast.model.ForecastModel;
import org.nyc311.forecast.model.LogScale;

/**
 * The mean of the last {@code days} days on the log1p scale, flat into the future: the default
 * for histories too short to show a weekly pattern.
 */
public final class RecentMean implements ForecastModel {

    private final int days;

    public RecentMean(int days) {
        this.days = Math.max(1, days);
    }

    @Override
    public String name() {
        return "recent_mean";
    }

    @Override
    public ModelFamily family() {
        return ModelFamily.SEASONAL_AVERAGE;
    }

    @Override
    public Map<String, String> hyperparameters() {
        return Map.of("days", Integer.toString(days));
    }

    @Override
    public FittedModel fit(DailySeries history) {
        int n = history.length();
        double sum = 0;
        int k = 0;
        for (int t = n - 1; t >= 0 && k < days; t--, k++) {
            sum += Math.log1p(history.count(t));
        }
        double level = k == 0 ? 0 : LogScale.toCount(sum / k);
        return horizon -> {
            double[] out = new double[horizon];
            java.util.Arrays.fill(out, level);
            return out;
        };
    }
}
