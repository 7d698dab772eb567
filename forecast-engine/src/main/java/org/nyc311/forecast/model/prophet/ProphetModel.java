package org.nyc311.forecast.model.prophet;

import java.util.Map;
import java.util.Objects;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.ModelFamily;
import org.nyc311.forecast.model.FittedModel;
import org.nyc311.forecast.model.ForecastModel;
import org.nyc311.model.calendar.HolidayCalendar;

/**
 * A Prophet-style decomposable model: piecewise-linear trend with automatic changepoints under
 * a Laplace (L1) prior, weekly and yearly Fourier seasonality, NYC holiday effects, fitted as a
 * MAP penalised regression on log1p counts. See {@link ProphetDesign} for the fit.
 */
public final class ProphetModel implements ForecastModel {

    private final ProphetSettings settings;
    private final HolidayCalendar calendar;

    public ProphetModel(ProphetSettings settings, HolidayCalendar calendar) {
        this.settings = Objects.requireNonNull(settings);
        this.calendar = Objects.requireNonNull(calendar);
    }

    public ProphetModel(ProphetSettings settings) {
        this(settings, HolidayCalendar.newYorkCity());
    }

    public ProphetSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "prophet";
    }

    @Override
    public ModelFamily family() {
        return ModelFamily.PROPHET;
    }

    @Override
    public Map<String, String> hyperparameters() {
        return settings.asMap();
    }

    @Override
    public FittedProphet fit(DailySeries history) {
        int n = history.length();
        return ProphetDesign.build(history, calendar, new int[] {n}).fit(settings, n);
    }

    @Override
    public PrefixFits onPrefixes(DailySeries history, int[] ends) {
        ProphetDesign design = ProphetDesign.build(history, calendar, ends);
        return end -> design.fit(settings, end);
    }

    /** Fits against a design shared with other settings (the hyperparameter search). */
    public FittedModel fit(ProphetDesign design, int end) {
        return design.fit(settings, end);
    }
}
