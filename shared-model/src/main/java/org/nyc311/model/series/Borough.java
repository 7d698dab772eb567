package org.nyc311.model.series;

import java.util.Locale;

/** The five boroughs of New York City, plus the source's catch-all for requests without one. */
public enum Borough {
    BRONX,
    BROOKLYN,
    MANHATTAN,
    QUEENS,
    STATEN_ISLAND,
    UNSPECIFIED;

    /**
     * Normalises the borough as the 311 feed spells it ("BROOKLYN", "Staten Island", "STATEN ISLAND",
     * "Unspecified", blank). Anything that is not one of the five boroughs is UNSPECIFIED, because the
     * feed uses that word for requests it could not place, and a typo should count the same way.
     */
    public static Borough fromSource(String raw) {
        if (raw == null) {
            return UNSPECIFIED;
        }
        String normalised = raw.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s_-]+", "_");
        for (Borough borough : values()) {
            if (borough.name().equals(normalised)) {
                return borough;
            }
        }
        return UNSPECIFIED;
    }

    /** The lower-case form used inside series ids, e.g. {@code staten-island}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Borough fromKey(String key) {
        for (Borough borough : values()) {
            if (borough.key().equals(key)) {
                return borough;
            }
        }
        throw new IllegalArgumentException("unknown borough key '" + key + "'; expected one of bronx, brooklyn, "
                + "manhattan, queens, staten-island, unspecified");
    }
}
