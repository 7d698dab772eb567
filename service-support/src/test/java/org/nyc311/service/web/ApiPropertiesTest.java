package org.nyc311.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code nyc311.api.*} as Spring Boot binds it: with nothing set, the defaults its record gives. */
class ApiPropertiesTest {

    @Test
    void withNothingSetA503AsksForThirtySecondsAndDatesRunFrom2010ToFiveYearsAhead() {
        ApiProperties api = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("nyc311.api", ApiProperties.class);

        assertThat(api.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(api.dates().earliest()).isEqualTo(LocalDate.of(2010, 1, 1));
        assertThat(api.dates().yearsAhead()).isEqualTo(5);
    }
}
