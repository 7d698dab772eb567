package org.nyc311.anomaly.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.nyc311.anomaly.config.GoldProperties;

/** Switching gold from local-sql-warehouse to a Databricks SQL warehouse is configuration only: both drivers ship. */
class GoldDriversTest {

    @Test
    void theHiveDriverClaimsTheLocalWarehouseUrl() throws Exception {
        assertThat(DriverManager.getDriver("jdbc:hive2://127.0.0.1:10000/default;transportMode=http;httpPath=cliservice")
                .getClass().getName()).isEqualTo("org.apache.kyuubi.jdbc.KyuubiHiveDriver");
    }

    @Test
    void theDatabricksDriverClaimsASqlWarehouseUrl() throws Exception {
        Class.forName("com.databricks.client.jdbc.Driver");
        assertThat(DriverManager.getDriver("jdbc:databricks://example.cloud.databricks.com:443/default;transportMode=http;"
                + "ssl=1;httpPath=/sql/1.0/warehouses/abc;AuthMech=3").getClass().getName())
                .isEqualTo("com.databricks.client.jdbc.Driver");
    }

    @Test
    void tableNamesThatAreNotPlainIdentifiersAreRefused() {
        assertThat(new GoldProperties(null, "jdbc:hive2://x", null, null, "main.nyc311_gold", null, 0, null).dailySeries())
                .isEqualTo("main.nyc311_gold.daily_series");
        assertThatThrownBy(() -> new GoldProperties(null, "jdbc:hive2://x", null, null, "gold", "daily_series; DROP TABLE x", 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
