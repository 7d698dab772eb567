package org.nyc311.service.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlIdentifiersTest {

    @Test
    void plainAndDottedIdentifiersPass() {
        assertThat(SqlIdentifiers.isQualifiedName("daily_series")).isTrue();
        assertThat(SqlIdentifiers.isQualifiedName("main.nyc311_gold")).isTrue();
        assertThat(SqlIdentifiers.isQualifiedName("_private.Table2")).isTrue();
        assertThatCode(() ->
                        SqlIdentifiers.requireQualifiedNames("names", "gold", "main.nyc311_gold", "series_catalog"))
                .doesNotThrowAnyException();
    }

    @Test
    void tableNamesThatAreNotPlainIdentifiersAreRefused() {
        for (String name : new String[] {
            "daily_series; DROP TABLE x",
            "gold.",
            ".gold",
            "1gold",
            "gold..daily",
            "`gold`",
            "gold daily",
            "gold-daily",
            ""
        }) {
            assertThat(SqlIdentifiers.isQualifiedName(name)).as(name).isFalse();
        }
        assertThat(SqlIdentifiers.isQualifiedName(null)).isFalse();
        assertThatThrownBy(() -> SqlIdentifiers.requireQualifiedNames(
                        "nyc311.gold schema and table names", "gold", "daily_series; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "nyc311.gold schema and table names must be plain identifiers: 'daily_series; DROP TABLE x'");
    }
}
