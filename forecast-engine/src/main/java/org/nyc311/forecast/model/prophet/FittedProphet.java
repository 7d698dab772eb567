package org.nyc311.forecast.model.prophet;

import java.util.SplittableRandom;
import org.nyc311.forecast.model.FittedModel;
import org.nyc311.forecast.model.LogScale;
import org.nyc311.model.calendar.Holiday;

/** The Prophet-style model fitted to one prefix of a series. */
public final class FittedProphet implements FittedModel {

    private static final int TREND_PATHS = 200;

    private final ProphetDesign design;
    private final ProphetSettings settings;
    private final int end;
    private final double[] beta;
    private final int changepoints;
    private final double meanAbsDelta;
    private final double changepointWindow;

    FittedProphet(
            ProphetDesign design,
            ProphetSettings settings,
            int end,
            double[] beta,
            int changepoints,
            double meanAbsDelta,
            double changepointWindow) {
        this.design = design;
        this.settings = settings;
        this.end = end;
        this.beta = beta;
        this.changepoints = changepoints;
        this.meanAbsDelta = meanAbsDelta;
        this.changepointWindow = changepointWindow;
    }

    public ProphetSettings settings() {
        return settings;
    }

    /** This fit's yearly pattern and holiday effects, for a series under a year old to borrow. */
    public ParentShape shape() {
        return design.shapeOf(beta);
    }

    @Override
    public double[] predict(int horizon) {
        double[] z = design.predictLog(beta, end, horizon);
        double[] out = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            out[h] = LogScale.toCount(z[h]);
        }
        return out;
    }

    /** In-sample fitted counts for days {@code [from, from + days)}. */
    public double[] fitted(int from, int days) {
        double[] z = design.predictLog(beta, from, days);
        for (int i = 0; i < days; i++) {
            z[i] = LogScale.toCount(z[i]);
        }
        return z;
    }

    /**
     * The fitted effect of a holiday on the log1p scale (about the relative change, for small effects):
     * the effect all holidays share plus this holiday's own deviation from it.
     */
    public double holidayEffect(Holiday holiday) {
        return beta[design.columns().sharedDayOff()] + beta[design.columns().holiday(holiday)];
    }

    /**
     * Prophet's trend uncertainty: future changepoints arrive at the rate the history had
     * candidates, with Laplace-distributed rate changes as large on average as the fitted ones;
     * the spread of the simulated trend paths is the standard deviation returned per day.
     */
    @Override
    public double[] trendSpread(int horizon, long seed) {
        double[] spread = new double[horizon];
        if (changepoints == 0 || meanAbsDelta <= 0) {
            return spread;
        }
        double rate = changepoints / changepointWindow;
        SplittableRandom random = new SplittableRandom(seed);
        double[] sum = new double[horizon];
        double[] sumSq = new double[horizon];
        for (int path = 0; path < TREND_PATHS; path++) {
            double slopeChange = 0;
            double deviation = 0;
            for (int h = 0; h < horizon; h++) {
                if (random.nextDouble() < rate) {
                    double magnitude = -meanAbsDelta * Math.log(1 - random.nextDouble());
                    slopeChange += random.nextBoolean() ? magnitude : -magnitude;
                }
                deviation += slopeChange / ProphetDesign.DAYS_PER_YEAR;
                sum[h] += deviation;
                sumSq[h] += deviation * deviation;
            }
        }
        for (int h = 0; h < horizon; h++) {
            double mean = sum[h] / TREND_PATHS;
            spread[h] = Math.sqrt(Math.max(0, sumSq[h] / TREND_PATHS - mean * mean));
        }
        return spread;
    }
}
