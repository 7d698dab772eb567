package org.nyc311.anomaly.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoldPropertiesTest {

    @Test
    void theDailySeriesIsQualifiedByTheConfiguredSchemaOrUnityCatalogName() {
        GoldProperties databricks = new GoldProperties(null, "jdbc:hive2://x", null, null, "main.nyc311_gold", null, 0, null);
        assertThat(databricks.dailySeries()).isEqualTo("main.nyc311_gold.daily_series");
        assertThat(databricks.driverClassName()).isEqualTo("org.apache.kyuubi.jdbc.KyuubiHiveDriver");
        assertThat(databricks.maximumPoolSize()).isEqualTo(2);
        assertThat(databricks.connectionTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void tableNamesThatAreNotPlainIdentifiersAreRefused() {
        assertThatThrownBy(() -> new GoldProperties(null, "jdbc:hive2://x", null, null, "gold", "daily_series; DROP TABLE x", 0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'daily_series; DROP TABLE x'");
    }
}
