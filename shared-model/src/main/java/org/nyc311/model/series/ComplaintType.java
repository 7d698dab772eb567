package org.nyc311.model.series;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A complaint type in two forms: the key that groups spellings of the same type, and a display form.
 *
 * <p>The feed mixes {@code PAINT/PLASTER} and {@code Noise - Residential}, and the same type arrives
 * with different case and spacing over the years. The key ({@code paint-plaster},
 * {@code noise-residential}) is what series are grouped by; the display form is for people.
 */
public record ComplaintType(String key, String display) {

    private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern KEY_SHAPE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public ComplaintType {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(display, "display");
        if (!KEY_SHAPE.matcher(key).matches()) {
            throw new IllegalArgumentException(
                    "complaint type key must be lower-case words joined by '-': '" + key + "'");
        }
    }

    /** Canonicalises a complaint type as the source spells it; blank input is an error, not a type. */
    public static ComplaintType fromSource(String raw) {
        String trimmed = raw == null ? "" : WHITESPACE.matcher(raw.trim()).replaceAll(" ");
        String key = keyOf(trimmed);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("complaint type has no letters or digits: '" + raw + "'");
        }
        return new ComplaintType(key, displayOf(trimmed));
    }

    /**
     * The display form of a raw spelling, as {@link #fromSource} makes it (trimmed, whitespace collapsed, ALL-CAPS in
     * title case), for any input: null stays null, a blank one is empty. Silver's complaint-type UDF is this.
     */
    public static @Nullable String displayOfSource(@Nullable String raw) {
        return raw == null ? null : displayOf(WHITESPACE.matcher(raw.trim()).replaceAll(" "));
    }

    /** The grouping key of a raw spelling: lower case, every run of other characters one '-'. */
    public static String keyOf(String raw) {
        String lower = raw == null ? "" : raw.toLowerCase(Locale.ROOT);
        String dashed = NON_ALPHANUMERIC.matcher(lower).replaceAll("-");
        int start = 0;
        int end = dashed.length();
        while (start < end && dashed.charAt(start) == '-') {
            start++;
        }
        while (end > start && dashed.charAt(end - 1) == '-') {
            end--;
        }
        return dashed.substring(start, end);
    }

    /** ALL-CAPS spellings become title case so that one type does not shout and the next not. */
    private static String displayOf(String trimmed) {
        if (!trimmed.equals(trimmed.toUpperCase(Locale.ROOT))) {
            return trimmed;
        }
        StringBuilder display = new StringBuilder(trimmed.length());
        boolean startOfWord = true;
        for (char c : trimmed.toCharArray()) {
            display.append(startOfWord ? c : Character.toLowerCase(c));
            startOfWord = !Character.isLetterOrDigit(c) && c != '\'';
        }
        return display.toString();
    }
}
