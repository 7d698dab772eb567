package org.nyc311.model.series;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * Names one daily series: a complaint type in a borough, or a roll-up over all types (per borough)
 * or over everything (citywide).
 *
 * <p>The string id is stable and URL-safe, and is what the REST APIs, MLflow and the tables use:
 * {@code noise-residential/brooklyn}, {@code all/brooklyn} for a borough's total, {@code all/all}
 * for the city. A complaint type whose key is literally "all" cannot exist in this scheme, so the
 * word is reserved.
 */
public record SeriesKey(Optional<String> complaintTypeKey, Optional<Borough> borough) {

    public static final String ALL = "all";
    private static final SeriesKey CITYWIDE = new SeriesKey(Optional.empty(), Optional.empty());

    public SeriesKey {
        Objects.requireNonNull(complaintTypeKey, "complaintTypeKey");
        Objects.requireNonNull(borough, "borough");
        complaintTypeKey.ifPresent(key -> {
            if (ALL.equals(key) || !key.equals(ComplaintType.keyOf(key))) {
                throw new IllegalArgumentException("not a complaint type key: '" + key + "'");
            }
        });
        if (complaintTypeKey.isPresent() && borough.isEmpty()) {
            throw new IllegalArgumentException("a complaint-type series is always per borough; citywide per-type "
                    + "series are not part of the catalog: '" + complaintTypeKey.get() + "/all'");
        }
    }

    public static SeriesKey citywide() {
        return CITYWIDE;
    }

    public static SeriesKey borough(Borough borough) {
        return new SeriesKey(Optional.empty(), Optional.of(borough));
    }

    public static SeriesKey of(String complaintTypeKey, Borough borough) {
        return new SeriesKey(Optional.of(complaintTypeKey), Optional.of(borough));
    }

    public Level level() {
        if (complaintTypeKey.isPresent()) {
            return Level.COMPLAINT_TYPE_BOROUGH;
        }
        return borough.isPresent() ? Level.BOROUGH : Level.CITYWIDE;
    }

    @JsonValue
    public String id() {
        return complaintTypeKey.orElse(ALL) + "/" + borough.map(Borough::key).orElse(ALL);
    }

    /** Parses an id made by {@link #id()}; anything else is an IllegalArgumentException naming the id. */
    @JsonCreator
    public static SeriesKey parse(String id) {
        if (id == null) {
            throw new IllegalArgumentException("series id is missing");
        }
        int slash = id.indexOf('/');
        if (slash <= 0 || slash != id.lastIndexOf('/') || slash == id.length() - 1) {
            throw new IllegalArgumentException(
                    "series id must look like 'complaint-type/borough', 'all/borough' " + "or 'all/all': '" + id + "'");
        }
        String type = id.substring(0, slash);
        String place = id.substring(slash + 1);
        Optional<Borough> borough = ALL.equals(place) ? Optional.empty() : Optional.of(Borough.fromKey(place));
        Optional<String> typeKey = ALL.equals(type) ? Optional.empty() : Optional.of(type);
        return new SeriesKey(typeKey, borough);
    }

    @Override
    public String toString() {
        return id();
    }

    public enum Level {
        CITYWIDE,
        BOROUGH,
        COMPLAINT_TYPE_BOROUGH
    }
}
