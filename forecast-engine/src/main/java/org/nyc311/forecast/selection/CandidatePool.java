package org.nyc311.forecast.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.ForecastSettings;
import org.nyc311.forecast.ModelFamily;
import org.nyc311.forecast.model.ForecastModel;
import org.nyc311.forecast.model.baseline.ExponentialSmoothing;
import org.nyc311.forecast.model.baseline.SeasonalAverage;
import org.nyc311.forecast.model.baseline.SeasonalNaive;
import org.nyc311.forecast.model.holiday.HolidayAdjusted;
import org.nyc311.forecast.model.prophet.Parent;
import org.nyc311.forecast.model.prophet.ProphetDesign;
import org.nyc311.forecast.model.prophet.ProphetModel;
import org.nyc311.forecast.model.prophet.ProphetSettings;
import org.nyc311.model.calendar.HolidayCalendar;

/**
 * The candidates that race on one series. The baselines have small fixed grids (their own
 * parameters are estimated inside each fit) and, unless the settings turn it off, holiday effects
 * learnt from the series ({@link HolidayAdjusted}): the race is scored on recent windows that seldom
 * hold a holiday, so whichever model wins must already know the calendar. The Prophet-style model
 * has its own holiday terms and gets the seeded random search: its defaults first, then
 * {@code trials - 1} draws from its search space, all fitted against one shared design so a trial
 * costs a small solve per origin.
 */
public final class CandidatePool {

    static final int[] SEASONAL_AVERAGE_WEEKS = {2, 3, 4, 6, 8};

    private final HolidayCalendar calendar;

    public CandidatePool(HolidayCalendar calendar) {
        this.calendar = calendar;
    }

    public List<Candidate> candidates(DailySeries series, int[] searchEnds, ForecastSettings settings) {
        return candidates(series, searchEnds, settings, null);
    }

    /**
     * The candidates of a series whose Prophet-style fits borrow the yearly pattern and holiday effects of its
     * {@code parent} (null: none). Trials without a yearly pattern borrow only the holidays, and one such trial (the
     * defaults, less the yearly pattern) always races beside the drawn ones, so the race itself says whether the
     * parent's season helps this series.
     */
    public List<Candidate> candidates(
            DailySeries series, int[] searchEnds, ForecastSettings settings, @Nullable Parent parent) {
        List<Candidate> out = new ArrayList<>();
        UnaryOperator<ForecastModel> baseline =
                settings.holidayAdjustment() ? model -> new HolidayAdjusted(model, calendar) : UnaryOperator.identity();
        if (settings.allows(ModelFamily.SEASONAL_NAIVE)) {
            add(out, baseline.apply(new SeasonalNaive()), series, searchEnds);
        }
        if (settings.allows(ModelFamily.SEASONAL_AVERAGE)) {
            for (int weeks : SEASONAL_AVERAGE_WEEKS) {
                add(out, baseline.apply(new SeasonalAverage(weeks)), series, searchEnds);
            }
        }
        if (settings.allows(ModelFamily.EXPONENTIAL_SMOOTHING)) {
            add(out, baseline.apply(new ExponentialSmoothing(true, true)), series, searchEnds);
            add(out, baseline.apply(new ExponentialSmoothing(true, false)), series, searchEnds);
            add(out, baseline.apply(new ExponentialSmoothing(false, true)), series, searchEnds);
        }
        if (settings.allows(ModelFamily.PROPHET)) {
            ProphetDesign design = ProphetDesign.build(series, calendar, searchEnds, parent);
            List<ProphetSettings> trials = trials(settings);
            if (parent != null) {
                trials.add(ProphetSettings.defaults().withoutYearlyPattern());
            }
            for (ProphetSettings trial : trials) {
                ProphetModel model = new ProphetModel(trial, calendar, parent);
                out.add(new Candidate(model, end -> model.fit(design, end)));
            }
        }
        return out;
    }

    /** Defaults first, so that {@code trials = 1} (or 0) means "Prophet as Prophet ships". */
    static List<ProphetSettings> trials(ForecastSettings settings) {
        List<ProphetSettings> list = new ArrayList<>();
        list.add(ProphetSettings.defaults());
        SplittableRandom random = new SplittableRandom(settings.seed());
        for (int i = 1; i < settings.trials(); i++) {
            list.add(ProphetSettings.sample(random));
        }
        return list;
    }

    private static void add(List<Candidate> out, ForecastModel model, DailySeries series, int[] ends) {
        out.add(new Candidate(model, model.onPrefixes(series, ends)));
    }
}
