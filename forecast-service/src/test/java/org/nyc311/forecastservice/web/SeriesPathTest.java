package org.nyc311.forecastservice.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nyc311.api.common.SeriesPathSegments;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.ComplaintType;
import org.nyc311.model.series.SeriesKey;

/** The document's patterns for a series id's segments say what shared-model's parser reads, no more and no less. */
class SeriesPathTest {

    @Test
    void theBoroughPatternIsEveryBoroughKeyAndAll() {
        for (Borough borough : Borough.values()) {
            assertThat(borough.key()).matches(SeriesPathSegments.BOROUGH);
        }
        assertThat("all").matches(SeriesPathSegments.BOROUGH);
        for (String refused : List.of("Brooklyn", "staten_island", "atlantis", "", "all ")) {
            assertThat(refused).doesNotMatch(SeriesPathSegments.BOROUGH);
        }
    }

    @Test
    void theComplaintTypePatternIsWhatAKeyLooksLike() {
        for (String spelled :
                List.of("Noise - Residential", "PAINT/PLASTER", "Street Light Condition", "Illegal Parking")) {
            assertThat(ComplaintType.keyOf(spelled)).matches(SeriesPathSegments.COMPLAINT_TYPE);
        }
        for (String refused : List.of("Noise Residential", "-noise", "noise-", "noise--residential", "")) {
            assertThat(refused).doesNotMatch(SeriesPathSegments.COMPLAINT_TYPE);
        }
    }

    @Test
    void aSeriesThePatternsAllowIsParsedOr404AndAMalformedOneStaysA400() {
        assertThat(SeriesPath.key("noise-residential", "brooklyn"))
                .isEqualTo(SeriesKey.parse("noise-residential/brooklyn"));
        assertThat(SeriesPath.key("all", "all")).isEqualTo(SeriesKey.citywide());
        assertThatThrownBy(() -> SeriesPath.key("noise-residential", "all"))
                .isInstanceOf(SeriesNotFoundException.class)
                .hasMessageContaining("per borough");
        assertThatThrownBy(() -> SeriesPath.key("Noise Residential", "all"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeriesPath.key("noise-residential", "atlantis"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSeriesIdPatternIsEveryIdSharedModelParsesAndNoOther() {
        assertThat(SeriesKey.citywide().id()).matches(SeriesPathSegments.SERIES_ID);
        for (Borough borough : Borough.values()) {
            assertThat(SeriesKey.borough(borough).id()).matches(SeriesPathSegments.SERIES_ID);
            assertThat(SeriesKey.of("noise-residential", borough).id()).matches(SeriesPathSegments.SERIES_ID);
        }
        for (String refused : List.of("noise-residential/all", "all", "all/atlantis", "Noise/brooklyn", "a/b/c", "")) {
            assertThat(refused).doesNotMatch(SeriesPathSegments.SERIES_ID);
        }
    }
}
