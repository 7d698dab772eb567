package org.nyc311.forecast.model.baseline;

import java.util.Map;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.ModelFamily;
import org.nyc311.forecast.model.FittedModel;
import org.nyc311.forecast.model.ForecastModel;

/**
 * Weekly seasonal naive: every future day repeats the same weekday of the last observed week.
 * With less than a week of history it repeats the last day.
 */
public final class SeasonalNaive implements ForecastModel {

    public static final int PERIOD = 7;

    @Override
    public String name() {
        return "seasonal_naive";
    }

    @Override
    public ModelFamily family() {
        return ModelFamily.SEASONAL_NAIVE;
    }

    @Override
    public Map<String, String> hyperparameters() {
        return Map.of("period", Integer.toString(PERIOD));
    }

    @Override
    public FittedModel fit(DailySeries history) {
        double[] y = history.values();
        int n = y.length;
        return horizon -> {
            double[] out = new double[horizon];
            if (n == 0) {
                return out;
            }
            int period = Math.min(PERIOD, n);
            for (int h = 0; h < horizon; h++) {
                out[h] = y[n - period + (h % period)];
            }
            return out;
        };
    }
}
