package org.nyc311.forecastservice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoldPropertiesTest {

    @Test
    void tableNamesAreQualifiedByTheConfiguredSchemaOrUnityCatalogName() {
        GoldProperties databricks = new GoldProperties("com.databricks.client.jdbc.Driver", "jdbc:databricks://h:443/default",
                "token", "secret", "main.nyc311_gold", null, null, 0, null, 0);
        assertThat(databricks.dailySeries()).isEqualTo("main.nyc311_gold.daily_series");
        assertThat(databricks.seriesCatalog()).isEqualTo("main.nyc311_gold.series_catalog");
        assertThat(databricks.connectionTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void namesThatWouldInjectSqlAreRefusedAtStart() {
        assertThatThrownBy(() -> new GoldProperties(null, "jdbc:hive2://x", null, null, "gold; DROP TABLE x", null, null, 0, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
