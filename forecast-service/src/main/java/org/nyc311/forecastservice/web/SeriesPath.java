package org.nyc311.forecastservice.web;

import org.nyc311.api.common.SeriesPathSegments;
import org.nyc311.model.series.SeriesKey;

/** The series a path's two segments name ({@code /{complaintType}/{borough}}). */
final class SeriesPath {

    private SeriesPath() {}

    /**
     * shared-model's {@link SeriesKey#parse} decides, with one exception: a complaint type's key over
     * {@code all} ({@code noise-residential/all}) is well formed by both segments' patterns in the document,
     * and names a series the catalog never has (a complaint type's series are per borough), so it is a 404
     * like any other series gold lacks, not a 400. A malformed segment stays the parser's 400.
     */
    static SeriesKey key(String complaintType, String borough) {
        if (!SeriesKey.ALL.equals(complaintType)
                && SeriesKey.ALL.equals(borough)
                && complaintType.matches(SeriesPathSegments.COMPLAINT_TYPE)) {
            throw new SeriesNotFoundException("no series '" + complaintType
                    + "/all': a complaint type's series are per " + "borough, and all/<borough> is a borough's total");
        }
        return SeriesKey.parse(complaintType + "/" + borough);
    }
}
