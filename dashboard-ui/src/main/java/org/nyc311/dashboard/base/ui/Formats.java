package org.nyc311.dashboard.base.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How the views write times and numbers: instants in New York time (the city's own clock), durations short. */
public final class Formats {

    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(NEW_YORK);

    private Formats() {}

    public static String time(@Nullable Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public static String duration(@Nullable Duration duration) {
        if (duration == null) {
            return "";
        }
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
    }

    /** "3 h ago", "2 d ago": how old the newest data is. */
    public static String age(Duration age) {
        long minutes = Math.max(0, age.toMinutes());
        if (minutes < 120) {
            return minutes + " min ago";
        }
        if (minutes < 48 * 60) {
            return minutes / 60 + " h ago";
        }
        return minutes / (24 * 60) + " d ago";
    }

    public static String number(@Nullable Double value, int decimals) {
        return value == null ? "—" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A share (0.925) as a percentage (92.5%): coverage. */
    public static String percent(@Nullable Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.1f%%", value * 100);
    }

    /** A value already in percent (15.47) with its sign (15.5%): MAPE and WAPE, which forecast-service serves in percent. */
    public static String percentPoints(@Nullable Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.1f%%", value);
    }
}
