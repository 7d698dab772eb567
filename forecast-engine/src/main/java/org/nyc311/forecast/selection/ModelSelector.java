package org.nyc311.forecast.selection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.Forecast.CandidateScore;
import org.nyc311.forecast.ModelFamily;
import org.nyc311.forecast.model.ForecastModel;

/**
 * Chooses the model for one series by rolling-origin cross-validation: every candidate forecasts
 * from every search origin, and the lowest mean absolute error (on counts, so the choice serves
 * WAPE and MASE) wins. The best model of each family may also be blended; the blend wins only if
 * it beats every single model on the same origins.
 */
public final class ModelSelector {

    /** The chosen model and every candidate's score, best first. */
    public record Selection(ForecastModel winner, List<CandidateScore> leaderboard) {}

    private record Scored(ForecastModel model, double[][] forecasts, double mae, int order) {}

    public Selection select(
            DailySeries series, int[] searchEnds, int horizon, List<Candidate> candidates, boolean allowEnsemble) {
        double[] y = series.values();
        List<Scored> scored = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            Candidate candidate = candidates.get(c);
            double[][] forecasts = new double[searchEnds.length][];
            try {
                for (int k = 0; k < searchEnds.length; k++) {
                    forecasts[k] = candidate.fits().fitUpTo(searchEnds[k]).predict(horizon);
                }
            } catch (RuntimeException e) {
                // a candidate that cannot fit this series drops out of the race; the baselines always can
                continue;
            }
            double mae = meanAbsoluteError(y, searchEnds, forecasts);
            if (Double.isFinite(mae)) {
                scored.add(new Scored(candidate.model(), forecasts, mae, c));
            }
        }
        if (scored.isEmpty()) {
            throw new IllegalStateException("no candidate could be fitted");
        }
        Comparator<Scored> best = Comparator.comparingDouble(Scored::mae).thenComparingInt(Scored::order);
        scored.sort(best);
        if (allowEnsemble) {
            Scored blend = bestBlend(y, searchEnds, horizon, scored, candidates.size());
            if (blend != null && blend.mae() < scored.get(0).mae()) {
                scored.add(0, blend);
            }
        }
        List<CandidateScore> leaderboard = new ArrayList<>();
        for (Scored s : scored) {
            leaderboard.add(new CandidateScore(s.model().name(), s.model().hyperparameters(), s.mae()));
        }
        return new Selection(scored.get(0).model(), leaderboard);
    }

    /** The best blend of the leading families, or null when fewer than two families were fitted. */
    private static @Nullable Scored bestBlend(double[] y, int[] ends, int horizon, List<Scored> sorted, int order) {
        Map<ModelFamily, Scored> bestPerFamily = new EnumMap<>(ModelFamily.class);
        for (Scored s : sorted) {
            bestPerFamily.putIfAbsent(s.model().family(), s);
        }
        List<Scored> leaders = new ArrayList<>(bestPerFamily.values());
        leaders.sort(Comparator.comparingDouble(Scored::mae).thenComparingInt(Scored::order));
        Scored bestBlend = null;
        for (int size = 2; size <= Math.min(3, leaders.size()); size++) {
            List<Scored> members = leaders.subList(0, size);
            double[] weights = new double[size];
            for (int i = 0; i < size; i++) {
                double mae = Math.max(members.get(i).mae(), 1e-9);
                weights[i] = 1 / (mae * mae);
            }
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            for (int i = 0; i < size; i++) {
                weights[i] /= total;
            }
            double[][] forecasts = new double[ends.length][];
            for (int k = 0; k < ends.length; k++) {
                List<double[]> each = new ArrayList<>();
                for (Scored m : members) {
                    each.add(m.forecasts()[k]);
                }
                forecasts[k] = EnsembleModel.blend(each, weights, horizon);
            }
            double mae = meanAbsoluteError(y, ends, forecasts);
            List<ForecastModel> models = members.stream().map(Scored::model).toList();
            Scored candidate = new Scored(new EnsembleModel(models, weights), forecasts, mae, order + size);
            if (bestBlend == null || mae < bestBlend.mae()) {
                bestBlend = candidate;
            }
        }
        return bestBlend;
    }

    static double meanAbsoluteError(double[] y, int[] ends, double[][] forecasts) {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < ends.length; k++) {
            double[] f = forecasts[k];
            for (int h = 0; h < f.length; h++) {
                sum += Math.abs(y[ends[k] + h] - f[h]);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
