package org.nyc311.forecast.selection;

import org.nyc311.forecast.model.ForecastModel;

/** A model in the race for one series, with the way to fit it on that series' prefixes. */
public record Candidate(ForecastModel model, ForecastModel.PrefixFits fits) {}
