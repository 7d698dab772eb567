package org.nyc311.forecast.model.prophet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
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

    /**
     * The hyperparameter that says what the fits borrowed from the series' parent ({@link ParentShape}):
     * {@value #SEASON_AND_HOLIDAYS} or {@value #HOLIDAYS}; absent when they borrowed nothing.
     */
    public static final String BORROWED_SHAPE = "from_parent";

    public static final String SEASON_AND_HOLIDAYS = "season_and_holidays";
    public static final String HOLIDAYS = "holidays";

    /**
     * What a forecast's hyperparameters say the Prophet-style fit borrowed from the parent ({@value #SEASON_AND_HOLIDAYS}
     * or {@value #HOLIDAYS}), whether it was chosen alone or as an ensemble's member ({@code prophet.from_parent});
     * empty when it borrowed nothing.
     */
    public static java.util.Optional<String> borrowed(Map<String, String> hyperparameters) {
        return hyperparameters.entrySet().stream()
                .filter(e -> e.getKey().equals(BORROWED_SHAPE) || e.getKey().endsWith("." + BORROWED_SHAPE))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private final ProphetSettings settings;
    private final HolidayCalendar calendar;
    private final @Nullable Parent parent;

    public ProphetModel(ProphetSettings settings, HolidayCalendar calendar) {
        this(settings, calendar, null);
    }

    /**
     * A model whose fits on under a year of history borrow the yearly pattern and holiday effects of the series'
     * {@code parent} as they were at the end of each fit's history ({@link Parent}); null borrows nothing.
     */
    public ProphetModel(ProphetSettings settings, HolidayCalendar calendar, @Nullable Parent parent) {
        this.settings = Objects.requireNonNull(settings);
        this.calendar = Objects.requireNonNull(calendar);
        this.parent = parent;
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
        if (parent == null) {
            return settings.asMap();
        }
        Map<String, String> m = new LinkedHashMap<>(settings.asMap());
        // a trial without a yearly pattern borrows the parent's holidays only (ProphetDesign)
        m.put(BORROWED_SHAPE, settings.yearlyOrder() > 0 ? SEASON_AND_HOLIDAYS : HOLIDAYS);
        return m;
    }

    @Override
    public FittedProphet fit(DailySeries history) {
        int n = history.length();
        return ProphetDesign.build(history, calendar, new int[] {n}, parent).fit(settings, n);
    }

    @Override
    public PrefixFits onPrefixes(DailySeries history, int[] ends) {
        ProphetDesign design = ProphetDesign.build(history, calendar, ends, parent);
        return end -> design.fit(settings, end);
    }

    /** Fits against a design shared with other settings (the hyperparameter search). */
    public FittedModel fit(ProphetDesign design, int end) {
        return design.fit(settings, end);
    }
}
