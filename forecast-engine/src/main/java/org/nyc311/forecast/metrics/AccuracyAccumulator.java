package org.nyc311.forecast.metrics;

/**
 * Adds up forecast errors day by day and reports them as {@link Accuracy}.
 *
 * <p>Not thread-safe: one accumulator per thread, then {@link #merge} them.
 */
public final class AccuracyAccumulator {

    private double absPercentSum;
    private int nonZeroDays;
    private int zeroDays;
    private double absErrorSum;
    private double actualSum;
    private double scaledErrorSum;
    private int covered;
    private int withInterval;
    private int points;

    /**
     * @param maseScale the in-sample MAE of the weekly seasonal naive of the history this forecast came from
     */
    public void add(double actual, double yhat, double lower, double upper, double maseScale) {
        double err = Math.abs(actual - yhat);
        points++;
        absErrorSum += err;
        actualSum += Math.abs(actual);
        scaledErrorSum += err / maseScale;
        if (actual == 0) {
            zeroDays++;
        } else {
            absPercentSum += err / Math.abs(actual);
            nonZeroDays++;
        }
        if (!Double.isNaN(lower) && !Double.isNaN(upper)) {
            withInterval++;
            if (actual >= lower && actual <= upper) {
                covered++;
            }
        }
    }

    public void merge(AccuracyAccumulator other) {
        absPercentSum += other.absPercentSum;
        nonZeroDays += other.nonZeroDays;
        zeroDays += other.zeroDays;
        absErrorSum += other.absErrorSum;
        actualSum += other.actualSum;
        scaledErrorSum += other.scaledErrorSum;
        covered += other.covered;
        withInterval += other.withInterval;
        points += other.points;
    }

    public double meanAbsoluteError() {
        return points == 0 ? Double.NaN : absErrorSum / points;
    }

    public Accuracy result() {
        if (points == 0) {
            return Accuracy.NONE;
        }
        double mape = nonZeroDays == 0 ? Double.NaN : 100 * absPercentSum / nonZeroDays;
        double wape = actualSum == 0 ? Double.NaN : 100 * absErrorSum / actualSum;
        double coverage = withInterval == 0 ? Double.NaN : (double) covered / withInterval;
        return new Accuracy(mape, wape, scaledErrorSum / points, coverage, points, zeroDays);
    }

    /**
     * The MASE denominator: mean absolute difference between each day and the same weekday a week
     * earlier, over the history. A flat history would make it zero; then one count is the unit, so
     * that MASE stays finite and still reads as "errors in counts".
     */
    public static double seasonalNaiveScale(double[] history, int length) {
        double sum = 0;
        int n = 0;
        for (int t = 7; t < length; t++) {
            sum += Math.abs(history[t] - history[t - 7]);
            n++;
        }
        if (n == 0) {
            for (int t = 1; t < length; t++) {
                sum += Math.abs(history[t] - history[t - 1]);
                n++;
            }
        }
        double scale = n == 0 ? 0 : sum / n;
        return scale > 0 ? scale : 1.0;
    }
}
