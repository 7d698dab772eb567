package org.nyc311.forecast.model;

import java.util.Map;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.ModelFamily;

/**
 * A model with fixed settings, not yet fitted. Immutable and thread-safe: fitting returns a new
 * {@link FittedModel} and never changes the model.
 */
public interface ForecastModel {

    /** Short stable name, e.g. {@code seasonal_naive}, {@code prophet}. */
    String name();

    ModelFamily family();

    /** Settings as strings, ready to log. */
    Map<String, String> hyperparameters();

    /** Fits on the whole history. */
    FittedModel fit(DailySeries history);

    /**
     * Fits on each prefix {@code history[0, end)} of one series, as rolling-origin cross-validation
     * does. Models that can share work between prefixes (one Gram matrix, one filter pass) override it.
     */
    default PrefixFits onPrefixes(DailySeries history, int[] ends) {
        return end -> fit(history.prefix(end));
    }

    /** Fits of one model on prefixes of one series, by prefix length. */
    @FunctionalInterface
    interface PrefixFits {
        FittedModel fitUpTo(int end);
    }
}
