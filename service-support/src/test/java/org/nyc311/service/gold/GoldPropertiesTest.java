package org.nyc311.service.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Moved here with the record from forecast-service and anomaly-service, each of which had a copy and a test of it. */
class GoldPropertiesTest {

    @Test
    void tableNamesAreQualifiedByTheConfiguredSchemaOrUnityCatalogName() {
        GoldProperties databricks = new GoldProperties(
                "com.databricks.client.jdbc.Driver",
                "jdbc:databricks://h:443/default",
                "token",
                "secret",
                "main.nyc311_gold",
                null,
                null,
                0,
                null,
                0);
        assertThat(databricks.dailySeries()).isEqualTo("main.nyc311_gold.daily_series");
        assertThat(databricks.seriesCatalog()).isEqualTo("main.nyc311_gold.series_catalog");
        assertThat(databricks.connectionTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theDefaultsAreTheLocalWarehouseAndASmallPool() {
        GoldProperties local =
                new GoldProperties(null, "jdbc:hive2://x", null, null, "main.nyc311_gold", null, null, 0, null, 0);
        assertThat(local.dailySeries()).isEqualTo("main.nyc311_gold.daily_series");
        assertThat(local.driverClassName()).isEqualTo("org.apache.kyuubi.jdbc.KyuubiHiveDriver");
        assertThat(local.maximumPoolSize()).isEqualTo(2);
        assertThat(local.connectionTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(local.historyDays()).isEqualTo(3 * 365);
    }

    @Test
    void withNothingSetTheBoundDefaultsAreTheRecords() {
        GoldProperties bound = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("nyc311.gold", GoldProperties.class);

        assertThat(bound.driverClassName()).isEqualTo("org.apache.kyuubi.jdbc.KyuubiHiveDriver");
        assertThat(bound.url()).isNull();
        assertThat(bound.username()).isNull();
        assertThat(bound.password()).isNull();
        assertThat(bound.dailySeries()).isEqualTo("gold.daily_series");
        assertThat(bound.seriesCatalog()).isEqualTo("gold.series_catalog");
        assertThat(bound.maximumPoolSize()).isEqualTo(2);
        assertThat(bound.connectionTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bound.historyDays()).isEqualTo(3 * 365);
    }

    @Test
    void namesThatWouldInjectSqlAreRefusedAtStart() {
        assertThatThrownBy(() -> new GoldProperties(
                        null, "jdbc:hive2://x", null, null, "gold; DROP TABLE x", null, null, 0, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GoldProperties(
                        null, "jdbc:hive2://x", null, null, "gold", "daily_series; DROP TABLE x", null, 0, null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'daily_series; DROP TABLE x'");
    }
}
