package org.nyc311.model.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeriesKeyTest {

    @Test
    void idsAreStableAndReadable() {
        assertThat(SeriesKey.citywide().id()).isEqualTo("all/all");
        assertThat(SeriesKey.borough(Borough.STATEN_ISLAND).id()).isEqualTo("all/staten-island");
        assertThat(SeriesKey.of("noise-residential", Borough.BROOKLYN).id()).isEqualTo("noise-residential/brooklyn");
    }

    @ParameterizedTest
    @ValueSource(strings = {"all/all", "all/queens", "paint-plaster/bronx", "street-flooding/unspecified"})
    void idParsesBackToTheSameKey(String id) {
        assertThat(SeriesKey.parse(id).id()).isEqualTo(id);
    }

    @Test
    void levelFollowsWhatTheKeyNames() {
        assertThat(SeriesKey.parse("all/all").level()).isEqualTo(SeriesKey.Level.CITYWIDE);
        assertThat(SeriesKey.parse("all/bronx").level()).isEqualTo(SeriesKey.Level.BOROUGH);
        assertThat(SeriesKey.parse("heat-hot-water/bronx").level()).isEqualTo(SeriesKey.Level.COMPLAINT_TYPE_BOROUGH);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "all", "/bronx", "noise/", "a/b/c", "noise/atlantis", "Noise-Residential/bronx", "noise/all"
            })
    void malformedIdIsRejectedWithTheIdInTheMessage(String id) {
        assertThatThrownBy(() -> SeriesKey.parse(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "PAINT/PLASTER|paint-plaster|Paint/Plaster",
                "Noise - Residential|noise-residential|Noise - Residential",
                "  Noise  -  Residential |noise-residential|Noise - Residential",
                "HEAT/HOT WATER|heat-hot-water|Heat/Hot Water",
                "Street Light Condition|street-light-condition|Street Light Condition"
            })
    void complaintTypeSpellingsShareOneKey(String raw, String key, String display) {
        ComplaintType type = ComplaintType.fromSource(raw);

        assertThat(type.key()).isEqualTo(key);
        assertThat(type.display()).isEqualTo(display);
    }

    @Test
    void blankComplaintTypeIsNotAType() {
        assertThatThrownBy(() -> ComplaintType.fromSource("  -- ")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "BROOKLYN,BROOKLYN",
        "Staten Island,STATEN_ISLAND",
        "STATEN ISLAND,STATEN_ISLAND",
        "Unspecified,UNSPECIFIED",
        "'',UNSPECIFIED",
        "Atlantis,UNSPECIFIED",
        " queens ,QUEENS"
    })
    void boroughIsNormalisedToTheFiveOrUnspecified(String raw, Borough expected) {
        assertThat(Borough.fromSource(raw)).isEqualTo(expected);
    }
}
