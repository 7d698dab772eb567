package org.nyc311.delta.silver;

import org.jspecify.annotations.Nullable;
import org.nyc311.model.series.ComplaintType;

/**
 * Silver's complaint-type UDF: the display form of a complaint type, by shared-model's rule
 * ({@link ComplaintType#displayOfSource}), whose classes the job's jar carries.
 */
public final class ComplaintTypeDisplay {

    public static final String UDF_NAME = "nyc311_complaint_type_display";

    private ComplaintTypeDisplay() {}

    /** Null for null: the source column may be empty. */
    public static @Nullable String of(@Nullable String raw) {
        return ComplaintType.displayOfSource(raw);
    }
}
