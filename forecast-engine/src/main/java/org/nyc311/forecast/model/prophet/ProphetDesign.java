package org.nyc311.forecast.model.prophet;

import java.time.LocalDate;
import java.util.Arrays;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.RealMatrix;
import org.jspecify.annotations.Nullable;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.model.LogScale;
import org.nyc311.forecast.model.holiday.DayOffOutliers;
import org.nyc311.forecast.model.holiday.HolidayEffects;
import org.nyc311.model.calendar.Holiday;
import org.nyc311.model.calendar.HolidayCalendar;

/**
 * The regression behind the Prophet-style model for one series, with its Gram matrix
 * {@code X'X} and {@code X'z} taken at several prefix lengths in one pass over the data.
 *
 * <p>Why: rolling-origin cross-validation fits the same model on nested prefixes, and the
 * hyperparameter search fits it again per trial. Every one of those fits only needs the Gram
 * matrix of its prefix, so building them all at once makes a fit cost a small p-by-p solve
 * instead of a pass over the data. The columns are therefore fixed for the whole series
 * (changepoint candidates on one grid, Fourier terms at their highest order) and each fit picks
 * the subset its settings and prefix allow.
 *
 * <p>Columns ({@link DesignColumns} says where each lies): intercept, slope (time in years),
 * changepoint ramps {@code (t - c_j)+}, weekly Fourier pairs, yearly Fourier pairs, one indicator per
 * {@link Holiday} (on its date, and on the weekday taken off for it), one for observed days off, one
 * all days off share, one for the working day after a day off.
 * Immutable once built.
 */
public final class ProphetDesign {

    static final double DAYS_PER_YEAR = 365.25;
    /** A yearly pattern is only fitted once a whole year has been seen. */
    static final int MIN_DAYS_FOR_YEARLY = 365;
    /** Target number of changepoint candidates over the history (Prophet uses 25). */
    static final int CHANGEPOINT_CANDIDATES = 25;
    /**
     * Each holiday's own deviation from the shared holiday effect gets a tighter prior than the shared
     * effect: a holiday is seen once a year, and one cold snap on it should not flip its sign.
     */
    static final double OWN_HOLIDAY_SHRINK = 0.1;
    /**
     * However loose the searched holiday prior, one holiday's deviation keeps the prior the baselines'
     * holiday effects use: the cross-validation windows that choose the prior scale seldom hold a
     * holiday, so they cannot tell a loose scale from a tight one, and a loose one lets a holiday seen
     * once follow whatever the weather did that day.
     */
    static final double MAX_OWN_HOLIDAY_SD = HolidayEffects.OWN_PRIOR_SD;
    /**
     * The prior standard deviation of the amplitude a series under a year old gives its parent's season (prior mean 1:
     * the parent's swing as it is). The series' own months can make the swing larger or smaller, or flat, but not
     * draw a season of their own: a few months of one series cannot tell a season from a trend, its parent's years can.
     */
    static final double BORROWED_AMPLITUDE_SD = 0.5;

    private final DailySeries series;
    private final HolidayCalendar calendar;
    /** Whom the series borrows from while it is under a year old; null when it has no parent to borrow from. */
    private final @Nullable Parent parent;

    private final double[] z;
    private final int[] changepoints;
    private final DesignColumns columns;
    /** The number of columns, {@code columns.width()}: the side of every Gram matrix. */
    private final int p;

    private final int[] ends;
    private final double[][] grams;
    private final double[][] moments;

    private ProphetDesign(DailySeries series, HolidayCalendar calendar, int[] ends, @Nullable Parent parent) {
        this.series = series;
        this.calendar = calendar;
        this.parent = parent;
        int n = series.length();
        this.z = LogScale.toLog(series.values(), n);
        int spacing = Math.max(7, (int) Math.ceil(n / (double) CHANGEPOINT_CANDIDATES));
        int count = Math.max(0, (n - 1) / spacing);
        this.changepoints = new int[count];
        for (int j = 0; j < count; j++) {
            changepoints[j] = (j + 1) * spacing;
        }
        this.columns = new DesignColumns(count);
        this.p = columns.width();
        this.ends = Arrays.stream(ends)
                .filter(e -> e > 0 && e <= n)
                .distinct()
                .sorted()
                .toArray();
        this.grams = new double[this.ends.length][];
        this.moments = new double[this.ends.length][];
        accumulate(n);
    }

    /** Builds the design of {@code series} with Gram snapshots at each prefix length in {@code ends}. */
    public static ProphetDesign build(DailySeries series, HolidayCalendar calendar, int[] ends) {
        return new ProphetDesign(series, calendar, ends, null);
    }

    /**
     * As {@link #build(DailySeries, HolidayCalendar, int[])}, for a series whose fits on fewer than
     * {@link #MIN_DAYS_FOR_YEARLY} days borrow {@code parent}'s shape as it was at the end of each fit's prefix
     * ({@link Parent}, {@link ParentShape}).
     */
    public static ProphetDesign build(
            DailySeries series, HolidayCalendar calendar, int[] ends, @Nullable Parent parent) {
        return new ProphetDesign(series, calendar, ends, parent);
    }

    private void accumulate(int n) {
        if (ends.length == 0) {
            return;
        }
        int last = ends[ends.length - 1];
        int[] observedFor = new int[last];
        int[] holidays = calendar.holidayOrdinals(series.start(), last, observedFor);
        double[] gram = new double[p * p];
        double[] xz = new double[p];
        double[] row = new double[p];
        int[] nz = new int[p];
        int next = 0;
        for (int i = 0; i < last; i++) {
            boolean afterDayOff = i > 0 && (holidays[i - 1] >= 0 || observedFor[i - 1] >= 0);
            int k = fillRow(i, holidays[i], observedFor[i], afterDayOff, row, nz);
            double zi = z[i];
            for (int a = 0; a < k; a++) {
                int ca = nz[a];
                double va = row[ca];
                xz[ca] += va * zi;
                int base = ca * p;
                for (int b = a; b < k; b++) {
                    gram[base + nz[b]] += va * row[nz[b]];
                }
            }
            while (next < ends.length && ends[next] == i + 1) {
                double[] snapshot = new double[p * p];
                for (int a = 0; a < p; a++) {
                    for (int b = a; b < p; b++) {
                        // nz is ascending, so only the upper triangle was written
                        double v = gram[a * p + b];
                        snapshot[a * p + b] = v;
                        snapshot[b * p + a] = v;
                    }
                }
                grams[next] = snapshot;
                moments[next] = xz.clone();
                next++;
            }
        }
        pullOutliersIntoBand(holidays, observedFor, row, nz);
    }

    /**
     * Fits on the days off as if those outside the holiday band (a holiday on a cold snap) lay on its
     * edge, as {@link HolidayEffects} does for the baselines: each prefix's moments {@code X'z} get
     * {@code -x_t * excess_t} for such a day t, the excess measured from that prefix alone. Only the
     * target changes, so the Gram matrices stay as they are.
     */
    private void pullOutliersIntoBand(int[] holidays, int[] observedFor, double[] row, int[] nz) {
        DayOffOutliers outliers = DayOffOutliers.of(series, calendar);
        for (int slot = 0; slot < ends.length; slot++) {
            DayOffOutliers.Excess excess = outliers.before(ends[slot]);
            for (int i = 0; i < excess.days().length; i++) {
                int t = excess.days()[i];
                boolean afterDayOff = t > 0 && (holidays[t - 1] >= 0 || observedFor[t - 1] >= 0);
                int k = fillRow(t, holidays[t], observedFor[t], afterDayOff, row, nz);
                for (int a = 0; a < k; a++) {
                    moments[slot][nz[a]] -= row[nz[a]] * excess.excess()[i];
                }
            }
        }
    }

    /** Writes row i of X into {@code row}, lists its non-zero columns (ascending) in {@code nz}. */
    private int fillRow(int i, int holiday, int observedFor, boolean afterDayOff, double[] row, int[] nz) {
        int k = 0;
        double t = i / DAYS_PER_YEAR;
        row[DesignColumns.INTERCEPT] = 1;
        nz[k++] = DesignColumns.INTERCEPT;
        row[DesignColumns.SLOPE] = t;
        nz[k++] = DesignColumns.SLOPE;
        for (int j = 0; j < changepoints.length; j++) {
            int c = columns.ramp(j);
            if (i > changepoints[j]) {
                row[c] = (i - changepoints[j]) / DAYS_PER_YEAR;
                nz[k++] = c;
            } else {
                row[c] = 0;
            }
        }
        long day = series.start().toEpochDay() + i;
        double weekAngle = 2 * Math.PI * Math.floorMod(day, 7) / 7.0;
        for (int o = 1; o <= ProphetSettings.MAX_WEEKLY_ORDER; o++) {
            int c = columns.weeklySine(o);
            row[c] = Math.sin(o * weekAngle);
            row[c + 1] = Math.cos(o * weekAngle);
            nz[k++] = c;
            nz[k++] = c + 1;
        }
        double yearAngle = 2 * Math.PI * (day / DAYS_PER_YEAR);
        for (int o = 1; o <= ProphetSettings.MAX_YEARLY_ORDER; o++) {
            int c = columns.yearlySine(o);
            row[c] = Math.sin(o * yearAngle);
            row[c + 1] = Math.cos(o * yearAngle);
            nz[k++] = c;
            nz[k++] = c + 1;
        }
        for (int c = columns.firstHoliday(); c < columns.observedDayOff(); c++) {
            row[c] = 0;
        }
        // a weekday taken off for a weekend holiday is that holiday's day off; its own column is a
        // (shrunk) deviation for what closing on another day does differently
        int holidayColumn = holiday >= 0 ? holiday : observedFor;
        if (holidayColumn >= 0) {
            row[columns.holiday(holidayColumn)] = 1;
            nz[k++] = columns.holiday(holidayColumn);
        }
        boolean observedOff = observedFor >= 0;
        row[columns.observedDayOff()] = observedOff ? 1 : 0;
        if (observedOff) {
            nz[k++] = columns.observedDayOff();
        }
        // Partial pooling: every holiday shares one effect and its own column is a (ridge-shrunk)
        // deviation from it, so a holiday seen once, on a day a storm or cold snap hid its dip,
        // still borrows the dip the other holidays show.
        boolean dayOff = holiday >= 0 || observedOff;
        row[columns.sharedDayOff()] = dayOff ? 1 : 0;
        if (dayOff) {
            nz[k++] = columns.sharedDayOff();
        }
        // the working day after a day off catches up on what the day off did not report
        boolean catchUp = afterDayOff && !dayOff && Math.floorMod(day + 3, 7) < 5;
        row[columns.dayAfterDayOff()] = catchUp ? 1 : 0;
        if (catchUp) {
            nz[k++] = columns.dayAfterDayOff();
        }
        return k;
    }

    /**
     * The MAP fit on the first {@code end} days, which must be one of the prefix lengths this
     * design was built for.
     *
     * <p>Negative log posterior, times the noise variance: {@code 0.5 |z - Xb|^2 + 0.5 sum (s2/scale_k^2) b_k^2
     * + (s2/tau) sum |delta_j|}. The Gaussian-prior block is profiled out exactly (Cholesky of its
     * normal equations, from Commons Math), which leaves a small lasso in the changepoint deltas that
     * coordinate descent solves.
     */
    public FittedProphet fit(ProphetSettings settings, int end) {
        int slot = Arrays.binarySearch(ends, end);
        if (slot < 0) {
            throw new IllegalArgumentException("design has no Gram snapshot at prefix length " + end);
        }
        double[] gram = grams[slot];
        double[] xz = moments[slot];
        double noise = noiseVariance(end);

        // the parent as it was on the prefix's last day: a fit never sees the parent's days after its own
        ParentShape lent = end < MIN_DAYS_FOR_YEARLY && parent != null
                ? parent.shapeBefore(series.date(end)).orElse(null)
                : null;
        int[] smooth = smoothColumns(settings, end, gram);
        int[] ramps = rampColumns(settings, end);
        // under a year, with a parent: its season as one more term, the parent's yearly coefficients (to the trial's
        // order) times an amplitude of the series' own
        double[] season = lent != null && settings.yearlyOrder() > 0 ? parentSeason(lent, settings) : null;
        int terms = smooth.length + (season == null ? 0 : 1);
        double[] ridge = new double[terms];
        double[] priorMean = new double[terms];
        for (int a = 0; a < smooth.length; a++) {
            int c = smooth[a];
            // smooth columns hold no ramp: past the slope come the Fourier pairs, then the days off
            double scale = c <= DesignColumns.SLOPE
                    ? Double.POSITIVE_INFINITY
                    : c < columns.firstHoliday()
                            ? settings.seasonalityPriorScale()
                            : c < columns.sharedDayOff()
                                    ? Math.min(OWN_HOLIDAY_SHRINK * settings.holidaysPriorScale(), MAX_OWN_HOLIDAY_SD)
                                    : settings.holidaysPriorScale();
            // intercept and slope are unpenalised; the tiny ridge only keeps short prefixes solvable
            ridge[a] = Double.isInfinite(scale) ? 1e-9 * Math.max(1, end) : noise / (scale * scale);
            if (lent != null && c >= columns.firstHoliday()) {
                priorMean[a] = lent.dayOffAt(c - columns.firstHoliday());
            }
        }
        if (season != null) {
            ridge[smooth.length] = noise / (BORROWED_AMPLITUDE_SD * BORROWED_AMPLITUDE_SD);
            priorMean[smooth.length] = 1;
        }
        double[] beta = new double[p];
        double[] deltas = solve(
                gram, xz, smooth, season, ramps, ridge, priorMean, noise / settings.changepointPriorScale(), beta);
        if (lent != null) {
            // a holiday the series has not seen yet takes its parent's deviation for it (the day-off effect all
            // holidays share stays the series' own, its prior centred on the parent's)
            for (int c = columns.firstHoliday(); c <= columns.dayAfterDayOff(); c++) {
                if (Arrays.binarySearch(smooth, c) < 0) {
                    beta[c] = lent.dayOffAt(c - columns.firstHoliday());
                }
            }
        }
        double meanAbsDelta = 0;
        for (double d : deltas) {
            meanAbsDelta += Math.abs(d);
        }
        meanAbsDelta = deltas.length == 0 ? 0 : meanAbsDelta / deltas.length;
        double changepointWindow = Math.max(1, settings.changepointRange() * end);
        return new FittedProphet(this, settings, end, beta, ramps.length, meanAbsDelta, changepointWindow);
    }

    /** The parent's yearly coefficients up to the trial's order, zeros beyond it. */
    private static double[] parentSeason(ParentShape lent, ProphetSettings settings) {
        double[] season = new double[2 * ProphetSettings.MAX_YEARLY_ORDER];
        for (int j = 0; j < 2 * settings.yearlyOrder(); j++) {
            season[j] = lent.yearlyAt(j);
        }
        return season;
    }

    /**
     * The MAP fit of the Gaussian block, whose terms are the design's columns {@code s} and, when {@code season} is
     * given, one more: the yearly columns weighted by it (the parent's season, its coefficient an amplitude), under
     * priors {@code N(priorMean, noise / ridge)}; and of the changepoint deltas {@code r} under the lasso. Normal
     * equations of the Gaussian block: {@code (T'X'XT + R) u = T'X'z + R m - T'X'X_r delta}, with {@code T} the terms'
     * weights; the prior mean only adds {@code R m} to the right-hand side. Writes every coefficient into {@code beta}
     * (the season's spread over the yearly columns) and returns the deltas.
     */
    private double[] solve(
            double[] gram,
            double[] xz,
            int[] s,
            double @Nullable [] season,
            int[] r,
            double[] ridge,
            double[] priorMean,
            double lambda,
            double[] beta) {
        int k = s.length;
        int terms = k + (season == null ? 0 : 1);
        // the season term's Gram row against every column: sum_j w_j G[yearly_j, c]
        double[] seasonRow = season == null ? new double[0] : seasonRow(gram, season);
        double[][] a = new double[terms][terms];
        double[] bs = new double[terms];
        for (int i = 0; i < k; i++) {
            int base = s[i] * p;
            for (int j = 0; j < k; j++) {
                a[i][j] = gram[base + s[j]];
            }
            bs[i] = xz[s[i]];
        }
        if (season != null) {
            double own = 0;
            double moment = 0;
            for (int j = 0; j < season.length; j++) {
                own += season[j] * seasonRow[columns.firstYearly() + j];
                moment += season[j] * xz[columns.firstYearly() + j];
            }
            for (int i = 0; i < k; i++) {
                a[i][k] = seasonRow[s[i]];
                a[k][i] = seasonRow[s[i]];
            }
            a[k][k] = own;
            bs[k] = moment;
        }
        for (int i = 0; i < terms; i++) {
            a[i][i] += ridge[i];
            bs[i] += ridge[i] * priorMean[i];
        }
        DecompositionSolver solver = cholesky(a);
        double[] u = solver.solve(new ArrayRealVector(bs, false)).toArray();
        double[] delta = new double[r.length];
        if (r.length > 0) {
            double[][] gsr = new double[terms][r.length];
            for (int i = 0; i < terms; i++) {
                for (int j = 0; j < r.length; j++) {
                    gsr[i][j] = i < k ? gram[s[i] * p + r[j]] : seasonRow[r[j]];
                }
            }
            RealMatrix w = solver.solve(new Array2DRowRealMatrix(gsr, false));
            // Schur complement: the lasso in the deltas once the Gaussian block is profiled out
            double[][] q = new double[r.length][r.length];
            double[] rhs = new double[r.length];
            for (int i = 0; i < r.length; i++) {
                double acc = xz[r[i]];
                for (int t = 0; t < terms; t++) {
                    acc -= gsr[t][i] * u[t];
                }
                rhs[i] = acc;
                for (int j = i; j < r.length; j++) {
                    double v = gram[r[i] * p + r[j]];
                    for (int t = 0; t < terms; t++) {
                        v -= gsr[t][i] * w.getEntry(t, j);
                    }
                    q[i][j] = v;
                    q[j][i] = v;
                }
            }
            LassoCoordinateDescent.solve(q, rhs, lambda, delta);
            for (int t = 0; t < terms; t++) {
                double acc = u[t];
                for (int j = 0; j < r.length; j++) {
                    acc -= w.getEntry(t, j) * delta[j];
                }
                u[t] = acc;
            }
            for (int j = 0; j < r.length; j++) {
                beta[r[j]] = delta[j];
            }
        }
        for (int i = 0; i < k; i++) {
            beta[s[i]] = u[i];
        }
        if (season != null) {
            for (int j = 0; j < season.length; j++) {
                beta[columns.firstYearly() + j] = u[k] * season[j];
            }
        }
        return delta;
    }

    private double[] seasonRow(double[] gram, double[] season) {
        double[] row = new double[p];
        for (int j = 0; j < season.length; j++) {
            if (season[j] != 0) {
                int base = (columns.firstYearly() + j) * p;
                for (int c = 0; c < p; c++) {
                    row[c] += season[j] * gram[base + c];
                }
            }
        }
        return row;
    }

    private static DecompositionSolver cholesky(double[][] a) {
        double jitter = 0;
        for (int attempt = 0; ; attempt++) {
            try {
                Array2DRowRealMatrix m = new Array2DRowRealMatrix(a, true);
                for (int i = 0; i < a.length; i++) {
                    m.addToEntry(i, i, jitter);
                }
                return new CholeskyDecomposition(m, 1e-12, 1e-14).getSolver();
            } catch (MathIllegalArgumentException e) {
                // nearly collinear columns (a very short prefix): more ridge until it factors
                if (attempt > 8) {
                    throw e;
                }
                jitter = jitter == 0 ? 1e-8 : jitter * 100;
            }
        }
    }

    private int[] smoothColumns(ProphetSettings settings, int end, double[] gram) {
        int[] cols = new int[p];
        int k = 0;
        cols[k++] = DesignColumns.INTERCEPT;
        if (end > 1) {
            cols[k++] = DesignColumns.SLOPE;
        }
        for (int c = 0; c < 2 * settings.weeklyOrder() && end >= 7; c++) {
            cols[k++] = columns.firstWeekly() + c;
        }
        if (end >= MIN_DAYS_FOR_YEARLY) {
            for (int c = 0; c < 2 * settings.yearlyOrder(); c++) {
                cols[k++] = columns.firstYearly() + c;
            }
        }
        for (int c = columns.firstHoliday(); c <= columns.dayAfterDayOff(); c++) {
            // a holiday never seen in the prefix has nothing to estimate from
            if (gram[c * p + c] > 0) {
                cols[k++] = c;
            }
        }
        return Arrays.copyOf(cols, k);
    }

    private int[] rampColumns(ProphetSettings settings, int end) {
        double limit = settings.changepointRange() * end;
        int k = 0;
        while (k < changepoints.length && changepoints[k] < limit) {
            k++;
        }
        int[] cols = new int[k];
        for (int j = 0; j < k; j++) {
            cols[j] = columns.ramp(j);
        }
        return cols;
    }

    /**
     * Day-to-day noise of log1p counts in the prefix, from week-over-week differences (which
     * cancel the weekly pattern and most of the trend): the likelihood's variance in the posterior.
     */
    private double noiseVariance(int end) {
        double sum = 0;
        int n = 0;
        int lag = end > 7 ? 7 : 1;
        for (int t = lag; t < end; t++) {
            double d = z[t] - z[t - lag];
            sum += d * d;
            n++;
        }
        double v = n == 0 ? 0 : sum / (2.0 * n);
        return Math.max(v, 1e-4);
    }

    /** The fitted log1p value of day i (any i >= 0, also beyond the history) for coefficients beta. */
    double[] predictLog(double[] beta, int fromDay, int days) {
        // one day more, in front, for the day-after-a-day-off flag of the first day
        int[] observedFor = new int[days + 1];
        LocalDate dayBefore = series.start().plusDays(fromDay - 1L);
        int[] holidays = calendar.holidayOrdinals(dayBefore, days + 1, observedFor);
        double[] row = new double[p];
        int[] nz = new int[p];
        double[] out = new double[days];
        for (int h = 0; h < days; h++) {
            boolean afterDayOff = fromDay + h > 0 && (holidays[h] >= 0 || observedFor[h] >= 0);
            int k = fillRow(fromDay + h, holidays[h + 1], observedFor[h + 1], afterDayOff, row, nz);
            double acc = 0;
            for (int a = 0; a < k; a++) {
                acc += row[nz[a]] * beta[nz[a]];
            }
            out[h] = acc;
        }
        return out;
    }

    DesignColumns columns() {
        return columns;
    }

    /** The yearly and day-off coefficients of {@code beta}, for a child series to borrow. */
    ParentShape shapeOf(double[] beta) {
        return new ParentShape(
                Arrays.copyOfRange(beta, columns.firstYearly(), columns.firstHoliday()),
                Arrays.copyOfRange(beta, columns.firstHoliday(), columns.width()));
    }
}
