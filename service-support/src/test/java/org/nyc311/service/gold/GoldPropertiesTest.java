package org.nyc311.service.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

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
                0,
                null);
        assertThat(databricks.dailySeries()).isEqualTo("main.nyc311_gold.daily_series");
        assertThat(databricks.seriesCatalog()).isEqualTo("main.nyc311_gold.series_catalog");
        assertThat(databricks.connectionTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theDefaultsAreTheLocalWarehouseAndASmallPool() {
        GoldProperties local = new GoldProperties(
                null, "jdbc:hive2://x", null, null, "main.nyc311_gold", null, null, 0, null, 0, null);
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
                        null, "jdbc:hive2://x", null, null, "gold; DROP TABLE x", null, null, 0, null, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GoldProperties(
                        null,
                        "jdbc:hive2://x",
                        null,
                        null,
                        "gold",
                        "daily_series; DROP TABLE x",
                        null,
                        0,
                        null,
                        0,
                        null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'daily_series; DROP TABLE x'");
    }

    @Test
    void aServicePrincipalBindsUnderDatabricksAndBecomesTheDriversOAuthProperties() {
        GoldProperties bound = new Binder(new MapConfigurationPropertySource(Map.of(
                        "nyc311.gold.driver-class-name",
                        GoldProperties.DATABRICKS_DRIVER,
                        "nyc311.gold.url",
                        WAREHOUSE,
                        "nyc311.gold.databricks.client-id",
                        "6e1c7f4a",
                        "nyc311.gold.databricks.client-secret",
                        "dose-secret")))
                .bindOrCreate("nyc311.gold", GoldProperties.class);

        assertThat(bound.databricks().isSet()).isTrue();
        assertThat(bound.connectionProperties())
                .containsExactly(
                        Map.entry("AuthMech", "11"),
                        Map.entry("Auth_Flow", "1"),
                        Map.entry("OAuth2ClientId", "6e1c7f4a"),
                        Map.entry("OAuth2Secret", "dose-secret"));
        assertThat(bound.toString()).doesNotContain("dose-secret");
    }

    @Test
    void withoutAServicePrincipalTheDriverIsHandedNothingMore() {
        GoldProperties bound = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("nyc311.gold", GoldProperties.class);
        GoldProperties blank = new Binder(new MapConfigurationPropertySource(
                        Map.of("nyc311.gold.databricks.client-id", "", "nyc311.gold.databricks.client-secret", " ")))
                .bindOrCreate("nyc311.gold", GoldProperties.class);

        assertThat(bound.databricks().isSet()).isFalse();
        assertThat(bound.connectionProperties()).isEmpty();
        assertThat(blank.databricks().isSet()).isFalse();
        assertThat(blank.connectionProperties()).isEmpty();
    }

    @Test
    void aClientIdWithoutItsSecretIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> databricks(WAREHOUSE, null, "6e1c7f4a", null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nyc311.gold.databricks.client-secret")
                .hasMessageContaining("only client-id is set");
        assertThatThrownBy(() -> databricks(WAREHOUSE, null, null, "dose-secret"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nyc311.gold.databricks.client-id")
                .hasMessageContaining("only client-secret is set");
    }

    @Test
    void aServiceGivenHalfAPairDoesNotStart() {
        new ApplicationContextRunner()
                .withUserConfiguration(Gold.class)
                .withPropertyValues(
                        "nyc311.gold.driver-class-name=" + GoldProperties.DATABRICKS_DRIVER,
                        "nyc311.gold.url=" + WAREHOUSE,
                        "nyc311.gold.databricks.client-id=6e1c7f4a")
                .run(started -> assertThat(started)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("nyc311.gold.databricks.client-secret"));
    }

    @Test
    void aClientPairAndATokenAreRefusedNamingTheSettings() {
        assertThatThrownBy(() -> databricks(WAREHOUSE, "dapi-dev-token", "6e1c7f4a", "dose-secret"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nyc311.gold.databricks.client-id")
                .hasMessageContaining("nyc311.gold.databricks.client-secret")
                .hasMessageContaining("nyc311.gold.password")
                .hasMessageContaining("not both");
    }

    @Test
    void aClientPairWithAnotherDriverIsRefused() {
        // the default driver: local-sql-warehouse's Hive driver
        assertThatThrownBy(() -> properties(null, "jdbc:hive2://x", null, "6e1c7f4a", "dose-secret"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nyc311.gold.driver-class-name")
                .hasMessageContaining(GoldProperties.DATABRICKS_DRIVER);
    }

    @Test
    void aClientPairWithAUrlThatSignsInItselfIsRefused() {
        // the driver prefers the URL's AuthMech=3 to the pair's AuthMech=11 and would ask for a token
        assertThatThrownBy(() -> databricks(WAREHOUSE + ";AuthMech=3", null, "6e1c7f4a", "dose-secret"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nyc311.gold.url names authmech");
        assertThatThrownBy(() -> databricks(WAREHOUSE + ";PWD=dapi-dev-token", null, "6e1c7f4a", "dose-secret"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pwd");
    }

    @Test
    void aPersonalAccessTokenAloneStaysPossible() {
        GoldProperties token = databricks(WAREHOUSE + ";AuthMech=3", "dapi-dev-token", null, null);

        assertThat(token.connectionProperties()).isEmpty();
        assertThat(token.password()).isEqualTo("dapi-dev-token");
        assertThat(token.toString()).contains("password=***").doesNotContain("dapi-dev-token");
    }

    @Test
    void theHealthShowsTheUrlWithoutItsSecrets() {
        assertThat(GoldHealth.withoutSecrets(WAREHOUSE + ";AuthMech=3;UID=token;PWD=dapi-dev-token;ssl=1"))
                .isEqualTo(WAREHOUSE + ";AuthMech=3;UID=token;PWD=***;ssl=1");
        assertThat(GoldHealth.withoutSecrets(
                        WAREHOUSE + ";AuthMech=11;Auth_Flow=1;OAuth2ClientId=6e1c;oauth2secret=dose"))
                .isEqualTo(WAREHOUSE + ";AuthMech=11;Auth_Flow=1;OAuth2ClientId=6e1c;oauth2secret=***");
        // credentials the driver takes under other names: a bearer token, a refresh token, a proxy's password, a header
        assertThat(GoldHealth.withoutSecrets(
                        WAREHOUSE + ";AuthMech=11;Auth_Flow=0;Auth_AccessToken=eyJhbGci;UID=token"))
                .isEqualTo(WAREHOUSE + ";AuthMech=11;Auth_Flow=0;Auth_AccessToken=***;UID=token");
        assertThat(GoldHealth.withoutSecrets(
                        WAREHOUSE + ";OAuthRefreshToken=r1;ProxyPwd=p2;http.header.Authorization=Bearer x;ssl=1"))
                .isEqualTo(WAREHOUSE + ";OAuthRefreshToken=***;ProxyPwd=***;http.header.Authorization=***;ssl=1");
        assertThat(GoldHealth.withoutSecrets("jdbc:hive2://127.0.0.1:10000/default;transportMode=http"))
                .isEqualTo("jdbc:hive2://127.0.0.1:10000/default;transportMode=http");
    }

    private static final String WAREHOUSE =
            "jdbc:databricks://dbc-1.cloud.databricks.com:443/default;httpPath=/sql/1.0/warehouses/abc";

    private static GoldProperties databricks(
            String url, @Nullable String password, @Nullable String clientId, @Nullable String clientSecret) {
        return properties(GoldProperties.DATABRICKS_DRIVER, url, password, clientId, clientSecret);
    }

    private static GoldProperties properties(
            @Nullable String driver,
            String url,
            @Nullable String password,
            @Nullable String clientId,
            @Nullable String clientSecret) {
        return new GoldProperties(
                driver,
                url,
                null,
                password,
                "main.nyc311_gold",
                null,
                null,
                0,
                null,
                0,
                new GoldProperties.Databricks(clientId, clientSecret));
    }

    @EnableConfigurationProperties(GoldProperties.class)
    static class Gold {}
}
