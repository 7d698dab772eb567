package org.nyc311.forecast.reconcile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nyc311.forecast.DailySeries;
import org.nyc311.model.series.SeriesKey;

/**
 * The series of one training laid out as gold's levels add up: the city is the sum of its boroughs, a borough the
 * sum of its complaint types. Only some series are forecast (gold's forecastable ones: enough recent history), so a
 * borough's forecast types seldom make up the whole borough; what they leave, the parent's counts less its
 * forecast parts, becomes a series of its own, a {@linkplain Node#remainder() remainder}, which is forecast and
 * reconciled with the others and then dropped (it has no id in gold). A parent whose parts make it up exactly on
 * every day gets no remainder; one with no forecast parts gets no sum.
 *
 * @param nodes     the series in the order of {@link #hierarchy()}: the ones given, by id, then the remainders
 * @param hierarchy which nodes add up to which
 */
public record LevelLayout(List<Node> nodes, Hierarchy hierarchy) {

    public LevelLayout {
        nodes = List.copyOf(nodes);
    }

    /**
     * One series of the layout.
     *
     * @param key       the series, or for a remainder the parent whose rest it is
     * @param remainder whether this is the rest of {@code key} its forecast parts leave
     * @param history   its counts; a remainder's, the parent's less its parts' (a day the parts exceed it counts 0)
     */
    public record Node(SeriesKey key, boolean remainder, DailySeries history) {

        /** The series id, or {@code <parent id>#rest} for a remainder: for logs and reports only. */
        public String label() {
            return remainder ? key.id() + "#rest" : key.id();
        }
    }

    /**
     * Lays out {@code series}, whose histories must all end on the same day (a training's snapshot does: every series
     * runs to gold's last complete day).
     *
     * @throws IllegalArgumentException when two histories end on different days
     */
    public static LevelLayout of(Map<SeriesKey, DailySeries> series) {
        List<Node> nodes = new ArrayList<>();
        LocalDate end = null;
        List<Map.Entry<SeriesKey, DailySeries>> sorted = series.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(SeriesKey::id)))
                .toList();
        for (Map.Entry<SeriesKey, DailySeries> entry : sorted) {
            LocalDate seriesEnd = entry.getValue().end();
            if (end != null && !end.equals(seriesEnd)) {
                throw new IllegalArgumentException("series end on different days: " + entry.getKey() + " at "
                        + seriesEnd.minusDays(1) + ", others at " + end.minusDays(1));
            }
            end = seriesEnd;
            nodes.add(new Node(entry.getKey(), false, entry.getValue()));
        }
        List<Hierarchy.Sum> sums = new ArrayList<>();
        // the series are nodes 0..n-1 in sorted order
        for (int total = 0; total < sorted.size(); total++) {
            SeriesKey parent = sorted.get(total).getKey();
            if (parent.level() == SeriesKey.Level.COMPLAINT_TYPE_BOROUGH) {
                continue;
            }
            List<Integer> parts = new ArrayList<>();
            for (int part = 0; part < sorted.size(); part++) {
                if (parentOf(sorted.get(part).getKey()).filter(parent::equals).isPresent()) {
                    parts.add(part);
                }
            }
            if (parts.isEmpty()) {
                continue;
            }
            DailySeries rest = rest(
                    sorted.get(total).getValue(),
                    parts.stream().map(i -> nodes.get(i).history()).toList());
            if (!rest.allZero()) {
                parts.add(nodes.size());
                nodes.add(new Node(parent, true, rest));
            }
            sums.add(new Hierarchy.Sum(
                    total, parts.stream().mapToInt(Integer::intValue).toArray()));
        }
        return new LevelLayout(nodes, new Hierarchy(nodes.size(), sums));
    }

    /** The series a series adds into: a type's borough, a borough's city; the city has none. */
    static Optional<SeriesKey> parentOf(SeriesKey key) {
        return switch (key.level()) {
            case COMPLAINT_TYPE_BOROUGH -> key.borough().map(SeriesKey::borough);
            case BOROUGH -> Optional.of(SeriesKey.citywide());
            case CITYWIDE -> Optional.empty();
        };
    }

    /** The parent's counts less its parts', day by day over the parent's days, never below zero. */
    private static DailySeries rest(DailySeries parent, List<DailySeries> parts) {
        double[] rest = parent.values();
        for (DailySeries part : parts) {
            long offset = part.start().toEpochDay() - parent.start().toEpochDay();
            for (int d = 0; d < part.length(); d++) {
                long day = offset + d;
                if (day >= 0 && day < rest.length) {
                    rest[(int) day] -= part.count(d);
                }
            }
        }
        for (int d = 0; d < rest.length; d++) {
            rest[d] = Math.max(0, rest[d]);
        }
        return new DailySeries(parent.start(), rest);
    }

    /** The indexes of the nodes that are series of their own (not remainders), in order. */
    public List<Integer> seriesNodes() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (!nodes.get(i).remainder()) {
                out.add(i);
            }
        }
        return out;
    }
}
