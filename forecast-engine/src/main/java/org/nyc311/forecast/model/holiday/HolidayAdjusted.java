package org.nyc311.forecast.model.holiday;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.ModelFamily;
import org.nyc311.forecast.model.FittedModel;
import org.nyc311.forecast.model.ForecastModel;
import org.nyc311.model.calendar.HolidayCalendar;

/**
 * A model without holiday terms (seasonal naive, seasonal average, exponential smoothing) made
 * holiday-aware with {@link HolidayEffects} learnt from the history it is fitted on.
 *
 * <p>Why: model selection scores the most recent rolling windows, which seldom hold a holiday, so a
 * baseline can win the week of Thanksgiving and forecast it as an ordinary Thursday. Two things go
 * wrong without this: the holiday's own dip is missed, and a holiday in the last weeks of the history
 * is copied into the next weeks as if it were the weekly pattern or a drop in level. So the wrapped
 * model is fitted on the history with every day off replaced by its ordinary-day value (the effect
 * taken out), and its forecast of ordinary days gets the effects put back on the days off ahead.
 *
 * <p>The name and family are the wrapped model's (it is still that model, now seeing the calendar);
 * the hyperparameters say that holidays are adjusted.
 */
public final class HolidayAdjusted implements ForecastModel {

    private final ForecastModel inner;
    private final HolidayCalendar calendar;

    public HolidayAdjusted(ForecastModel inner, HolidayCalendar calendar) {
        this.inner = Objects.requireNonNull(inner);
        this.calendar = Objects.requireNonNull(calendar);
    }

    public ForecastModel inner() {
        return inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public ModelFamily family() {
        return inner.family();
    }

    @Override
    public Map<String, String> hyperparameters() {
        Map<String, String> m = new LinkedHashMap<>(inner.hyperparameters());
        m.put("holidays", "own_history");
        return m;
    }

    @Override
    public FittedModel fit(DailySeries history) {
        HolidayEffects effects = HolidayEffects.estimate(history, calendar);
        DailySeries ordinary = new DailySeries(history.start(), effects.withoutHolidays(history.values()));
        return adjusted(inner.fit(ordinary), effects, history.length());
    }

    /**
     * Fits on each prefix without any prefix seeing a later day. The history is cleaned once, with
     * effects learnt on the earliest prefix only, so the wrapped model can still share work between
     * prefixes (exponential smoothing estimates its parameters once); each prefix's forecast then
     * gets the effects learnt on that prefix (the day-to-day noise that weighs them is taken once, on
     * the earliest prefix).
     */
    @Override
    public PrefixFits onPrefixes(DailySeries history, int[] ends) {
        int earliest = Arrays.stream(ends).min().orElse(history.length());
        HolidayResiduals residuals = HolidayResiduals.of(history, calendar);
        // the noise level changes slowly; taken once, on the earliest prefix, it is honest for every later one
        double noise = HolidayEffects.noiseVariance(residuals, earliest);
        HolidayEffects cleaning = HolidayEffects.estimate(residuals, earliest, noise);
        DailySeries ordinary = new DailySeries(history.start(), cleaning.withoutHolidays(history.values()));
        PrefixFits fits = inner.onPrefixes(ordinary, ends);
        return end -> adjusted(fits.fitUpTo(end), HolidayEffects.estimate(residuals, end, noise), end);
    }

    private static FittedModel adjusted(FittedModel fitted, HolidayEffects effects, int end) {
        return new FittedModel() {
            @Override
            public double[] predict(int horizon) {
                return effects.withHolidays(fitted.predict(horizon), end);
            }

            @Override
            public double[] trendSpread(int horizon, long seed) {
                return fitted.trendSpread(horizon, seed);
            }
        };
    }
}
