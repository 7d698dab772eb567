package org.nyc311.service.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/**
 * Switching gold from local-sql-warehouse to a Databricks SQL warehouse is configuration only: the
 * services ship both drivers (the same versions, managed in the parent pom), and each claims its URL.
 */
class GoldDriversTest {

    @Test
    void theHiveDriverClaimsTheLocalWarehouseUrl() throws Exception {
        assertThat(DriverManager.getDriver(
                                "jdbc:hive2://127.0.0.1:10000/default;transportMode=http;httpPath=cliservice")
                        .getClass()
                        .getName())
                .isEqualTo("org.apache.kyuubi.jdbc.KyuubiHiveDriver");
    }

    @Test
    void theDatabricksDriverClaimsASqlWarehouseUrl() throws Exception {
        Class.forName("com.databricks.client.jdbc.Driver");
        assertThat(DriverManager.getDriver(
                                "jdbc:databricks://example.cloud.databricks.com:443/default;transportMode=http;"
                                        + "ssl=1;httpPath=/sql/1.0/warehouses/abc;AuthMech=3")
                        .getClass()
                        .getName())
                .isEqualTo("com.databricks.client.jdbc.Driver");
    }
}
