package org.nyc311.anomaly.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.anomaly.support.GoldTables;
import org.nyc311.service.gold.GoldProperties;
import org.nyc311.service.gold.GoldUnavailableException;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseExtension;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseProcess;

/**
 * The repository's own test: {@link WarehouseActuals}' SQL against the Spark SQL engine it is written for
 * (local-sql-warehouse over gold tables made as delta-jobs names them), without the rest of the service. The
 * warehouse and its tables are the ones the service's flow test in this JVM shares, which may add later days.
 */
@ExtendWith(LocalSqlWarehouseExtension.class)
class GoldActualsIT {

    /** A series of this test's own, years before anything the flow test checks, with one day stated twice. */
    private static final String RODENTS = "rodent/bronx";

    private static final LocalDate REPEATED_DAY = LocalDate.of(2020, 3, 1);

    private static GoldActuals actuals;

    @BeforeAll
    static void actuals(LocalSqlWarehouseProcess warehouse) throws Exception {
        GoldTables.create(warehouse);
        GoldTables.addDays(warehouse, Map.of(RODENTS, Map.of(REPEATED_DAY, 3L, REPEATED_DAY.plusDays(1), 0L)));
        GoldTables.addDays(warehouse, Map.of(RODENTS, Map.of(REPEATED_DAY, 4L)));
        actuals = new WarehouseActuals(properties(warehouse.jdbcUrl()), new SimpleMeterRegistry());
    }

    @AfterAll
    static void close() {
        actuals.close();
    }

    @Test
    void everySeriesCountsFromTheFirstDayOnByDay() {
        LocalDate from = GoldTables.LAST_DAY.minusDays(6);

        Map<String, TreeMap<LocalDate, Long>> counts = actuals.since(from);

        Map<LocalDate, Long> spiking = new TreeMap<>(GoldTables.counts(GoldTables.SPIKING));
        spiking.keySet().removeIf(day -> day.isBefore(from));
        assertThat(counts.get(GoldTables.SPIKING).headMap(GoldTables.LAST_DAY, true))
                .containsExactlyEntriesOf(spiking);
        assertThat(counts).containsKey(GoldTables.STEADY).doesNotContainKey(RODENTS);
        assertThat(counts.values())
                .allSatisfy(days -> assertThat(days.firstKey()).isAfterOrEqualTo(from));
    }

    @Test
    void aDayGoldStatesTwiceIsSummedAndAZeroDayStays() {
        assertThat(actuals.since(REPEATED_DAY).get(RODENTS))
                .containsExactly(Map.entry(REPEATED_DAY, 7L), Map.entry(REPEATED_DAY.plusDays(1), 0L));
    }

    @Test
    void aWarehouseThatDoesNotAnswerIsGoldUnavailableForTheCheckToRetry() {
        try (GoldActuals away = new WarehouseActuals(
                properties("jdbc:hive2://127.0.0.1:9/default;transportMode=http;httpPath=cliservice"),
                new SimpleMeterRegistry())) {
            assertThatThrownBy(() -> away.since(GoldTables.LAST_DAY))
                    .isInstanceOf(GoldUnavailableException.class)
                    .hasMessageStartingWith("could not read gold daily series");
        }
    }

    private static GoldProperties properties(String url) {
        return new GoldProperties(null, url, "", "", null, null, null, 0, Duration.ofSeconds(3), 0, null);
    }
}
