package org.nyc311.forecastservice.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nyc311.forecastservice.run.StoredSeriesForecast;
import org.nyc311.model.forecast.ForecastPoint;

class ForecastCsvTest {

    @Test
    void theArtifactIsOneLinePerDayWithNumbersAsJavaPrintsThem() throws Exception {
        StoredSeriesForecast s = new StoredSeriesForecast(UUID.randomUUID(), "noise-residential/brooklyn", "prophet", Map.of(),
                null, null, null, null, 0, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 1), null, null, null, null, null,
                List.of(new ForecastPoint(LocalDate.of(2026, 3, 2), 120.5, 100.0, 141.25, 0.95),
                        new ForecastPoint(LocalDate.of(2026, 3, 3), 0.0, 0.0, 3.0, 0.95)));

        assertThat(MlflowTracker.forecastCsv(s)).isEqualTo("series_id,date,yhat,yhat_lower,yhat_upper,level\n"
                + "noise-residential/brooklyn,2026-03-02,120.5,100.0,141.25,0.95\n"
                + "noise-residential/brooklyn,2026-03-03,0.0,0.0,3.0,0.95\n");
    }
}
