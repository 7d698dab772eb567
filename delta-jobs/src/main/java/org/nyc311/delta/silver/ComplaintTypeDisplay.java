package org.nyc311.delta.silver;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The display form of a complaint type, by the rule of shared-model's {@code ComplaintType.fromSource}
 * (trim, collapse whitespace, ALL-CAPS spellings to title case). Reproduced here rather than depended
 * on, so that the jar runs on a Databricks cluster with nothing beside it;
 * {@code ComplaintTypeRulesTest} proves both agree on every type in the real data.
 */
public final class ComplaintTypeDisplay {

    public static final String UDF_NAME = "nyc311_complaint_type_display";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private ComplaintTypeDisplay() {}

    /** Null for null: the source column may be empty. */
    public static @Nullable String of(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = WHITESPACE.matcher(raw.trim()).replaceAll(" ");
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
