package org.nyc311.model.series;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ComplaintTypeTest {

    @Test
    void theDisplayOfARawSpellingIsTheOneFromSourceGives() {
        for (String raw : new String[] {"HEAT/HOT WATER", "  Noise -   Residential ", "PAINT/PLASTER", "Rodent"}) {
            assertThat(ComplaintType.displayOfSource(raw))
                    .as(raw)
                    .isEqualTo(ComplaintType.fromSource(raw).display());
        }
        assertThat(ComplaintType.displayOfSource("HEAT/HOT WATER")).isEqualTo("Heat/Hot Water");
        assertThat(ComplaintType.displayOfSource("  Noise -   Residential ")).isEqualTo("Noise - Residential");
    }

    @Test
    void silversUdfKeepsNullAndBlankInputs() {
        assertThat(ComplaintType.displayOfSource(null)).isNull();
        assertThat(ComplaintType.displayOfSource("   ")).isEmpty();
    }
}
