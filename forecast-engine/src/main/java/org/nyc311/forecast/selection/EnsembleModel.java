package org.nyc311.forecast.selection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.ModelFamily;
import org.nyc311.forecast.model.FittedModel;
import org.nyc311.forecast.model.ForecastModel;
import org.nyc311.forecast.model.LogScale;

/**
 * A weighted average of models, taken on the log1p scale so that one model's spike does not
 * dominate. Weights are fixed at construction (the selector sets them from cross-validation).
 */
public final class EnsembleModel implements ForecastModel {

    private final List<ForecastModel> members;
    private final double[] weights;

    public EnsembleModel(List<ForecastModel> members, double[] weights) {
        if (members.isEmpty() || members.size() != weights.length) {
            throw new IllegalArgumentException("one weight per member, at least one member");
        }
        this.members = List.copyOf(members);
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        this.weights = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            this.weights[i] = weights[i] / total;
        }
    }

    @Override
    public String name() {
        return "ensemble(" + members.stream().map(ForecastModel::name).collect(Collectors.joining("+")) + ")";
    }

    @Override
    public ModelFamily family() {
        return ModelFamily.ENSEMBLE;
    }

    @Override
    public Map<String, String> hyperparameters() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            ForecastModel member = members.get(i);
            String prefix = member.name() + ".";
            m.put(prefix + "weight", String.format(Locale.ROOT, "%.3f", weights[i]));
            member.hyperparameters().forEach((k, v) -> m.put(prefix + k, v));
        }
        return m;
    }

    @Override
    public FittedModel fit(DailySeries history) {
        List<FittedModel> fitted = new ArrayList<>();
        for (ForecastModel member : members) {
            fitted.add(member.fit(history));
        }
        return combine(fitted);
    }

    @Override
    public PrefixFits onPrefixes(DailySeries history, int[] ends) {
        List<PrefixFits> fits = new ArrayList<>();
        for (ForecastModel member : members) {
            fits.add(member.onPrefixes(history, ends));
        }
        return end -> {
            List<FittedModel> fitted = new ArrayList<>();
            for (PrefixFits f : fits) {
                fitted.add(f.fitUpTo(end));
            }
            return combine(fitted);
        };
    }

    private FittedModel combine(List<FittedModel> fitted) {
        return new FittedModel() {
            @Override
            public double[] predict(int horizon) {
                List<double[]> each = new ArrayList<>();
                for (FittedModel f : fitted) {
                    each.add(f.predict(horizon));
                }
                return blend(each, weights, horizon);
            }

            @Override
            public double[] trendSpread(int horizon, long seed) {
                double[] out = new double[horizon];
                for (int i = 0; i < fitted.size(); i++) {
                    double[] s = fitted.get(i).trendSpread(horizon, seed + i);
                    for (int h = 0; h < horizon; h++) {
                        out[h] += weights[i] * s[h];
                    }
                }
                return out;
            }
        };
    }

    /** The log1p-scale weighted mean of member forecasts. */
    static double[] blend(List<double[]> forecasts, double[] weights, int horizon) {
        double[] z = new double[horizon];
        for (int i = 0; i < forecasts.size(); i++) {
            double[] f = forecasts.get(i);
            for (int h = 0; h < horizon; h++) {
                z[h] += weights[i] * Math.log1p(f[h]);
            }
        }
        for (int h = 0; h < horizon; h++) {
            z[h] = LogScale.toCount(z[h]);
        }
        return z;
    }
}
