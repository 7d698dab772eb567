package org.nyc311.forecastservice.fit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.model.prophet.Parent;
import org.nyc311.forecast.model.prophet.ParentShape;
import org.nyc311.forecastservice.gold.SeriesHistory;
import org.nyc311.model.series.SeriesKey;

/**
 * The parents in gold whose yearly pattern and holiday effects a series under a year old borrows (forecast-engine's
 * {@link ParentShape}): a complaint type in a borough borrows from all complaints of that borough, a borough from the
 * city. Gold has no complaint type citywide, which would be the closer parent of a type. A parent under a year old
 * itself lends its own parent's shape. Each parent is looked up once, when the first series asks for it; its shapes are
 * learnt in the series' fits, in the training's pool (forecast-engine's {@link Parent}: at each of a fit's origins the
 * shape the parent had then, learnt once per origin for all the series that share it).
 *
 * <p>Not thread-safe: a training asks on its own thread before it hands the series to the pool (the {@link Parent}s it
 * hands out are thread-safe).
 */
public final class ParentShapes {

    private final Map<SeriesKey, SeriesHistory> histories;
    private final Map<SeriesKey, Optional<Lent>> learnt = new HashMap<>();

    /** A parent to borrow from, and its series key for the borrower's hyperparameters. */
    public record Lent(SeriesKey key, Parent parent) {}

    private ParentShapes(Map<SeriesKey, SeriesHistory> histories) {
        this.histories = histories;
    }

    /** The parents among a training's series. */
    public static ParentShapes among(List<SeriesHistory> series) {
        Map<SeriesKey, SeriesHistory> byKey = new HashMap<>();
        series.forEach(history -> byKey.put(history.key(), history));
        return new ParentShapes(byKey);
    }

    /** What {@code history} borrows: empty when it has a whole year of its own or no parent with one. */
    public Optional<Lent> forSeries(SeriesHistory history) {
        if (history.counts().length >= ParentShape.BORROWED_BELOW_DAYS) {
            return Optional.empty();
        }
        return parentOf(history.key()).flatMap(this::of);
    }

    private Optional<Lent> of(SeriesKey parent) {
        Optional<Lent> known = learnt.get(parent);
        if (known != null) {
            return known;
        }
        Optional<Lent> lent = Optional.ofNullable(histories.get(parent))
                .map(h -> Parent.of(new DailySeries(h.firstDate(), h.counts())))
                .filter(Parent::canLend)
                .map(lender -> new Lent(parent, lender))
                // a parent without a year of its own passes its parent's on
                .or(() -> parentOf(parent).flatMap(this::of));
        learnt.put(parent, lent);
        return lent;
    }

    /** A complaint type in a borough: the borough; a borough: the city; the city: none. */
    static Optional<SeriesKey> parentOf(SeriesKey key) {
        return switch (key.level()) {
            case COMPLAINT_TYPE_BOROUGH -> key.borough().map(SeriesKey::borough);
            case BOROUGH -> Optional.of(SeriesKey.citywide());
            case CITYWIDE -> Optional.empty();
        };
    }
}
