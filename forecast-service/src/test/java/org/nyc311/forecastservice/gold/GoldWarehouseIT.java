package org.nyc311.forecastservice.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.api.forecast.SeriesView;
import org.nyc311.forecastservice.support.GoldFixture;
import org.nyc311.model.series.DailyCount;
import org.nyc311.model.series.SeriesKey;
import org.nyc311.service.gold.GoldProperties;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseExtension;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseProcess;

/**
 * The repository's own test: {@link GoldWarehouse}'s SQL against the Spark SQL engine it is written for
 * (local-sql-warehouse over gold tables made as delta-jobs names them), without the rest of the service. The
 * warehouse is the one the service's other tests in this JVM share.
 */
@ExtendWith(LocalSqlWarehouseExtension.class)
class GoldWarehouseIT {

    private static final SeriesKey BROOKLYN_NOISE = SeriesKey.parse("noise-residential/brooklyn");
    private static final SeriesKey QUEENS_NOISE = SeriesKey.parse("noise-residential/queens");
    private static final SeriesKey ABSENT = SeriesKey.parse("rodent/bronx");

    static GoldReader gold;

    @BeforeAll
    static void gold(LocalSqlWarehouseProcess warehouse) throws Exception {
        GoldFixture.create(warehouse);
        gold = new GoldWarehouse(
                new GoldProperties(null, warehouse.jdbcUrl(), "", "", null, null, null, 0, null, 0, null),
                new SimpleMeterRegistry());
    }

    @AfterAll
    static void close() {
        gold.close();
    }

    @Test
    void theCatalogHoldsEverySeriesInIdOrderAndFiltersByTypeAndBorough() {
        List<SeriesView> all = gold.catalog(Optional.empty(), Optional.empty());

        assertThat(all)
                .extracting(SeriesView::seriesId)
                .containsAll(GoldFixture.FORECASTABLE)
                .contains(GoldFixture.TOO_SHORT)
                .isSorted();
        assertThat(gold.catalog(Optional.of("noise-residential"), Optional.empty()))
                .extracting(SeriesView::seriesId)
                .containsExactly(BROOKLYN_NOISE.id(), QUEENS_NOISE.id());
        assertThat(gold.catalog(Optional.of("noise-residential"), Optional.of("queens")))
                .extracting(SeriesView::seriesId)
                .containsExactly(QUEENS_NOISE.id());
        assertThat(gold.catalog(Optional.of("no-such-type"), Optional.empty())).isEmpty();
    }

    @Test
    void aCatalogEntryCarriesItsDatesAndWhetherItIsForecastable() {
        SeriesView noise = gold.catalogEntry(BROOKLYN_NOISE).orElseThrow();

        assertThat(noise.complaintType()).isEqualTo("Noise - Residential");
        assertThat(noise.borough()).isEqualTo("brooklyn");
        assertThat(noise.lastDate()).isEqualTo(GoldFixture.LAST_DAY);
        assertThat(noise.firstDate()).isEqualTo(GoldFixture.LAST_DAY.minusDays(GoldFixture.DAYS - 1L));
        assertThat(noise.days()).isEqualTo(GoldFixture.DAYS);
        assertThat(noise.forecastable()).isTrue();
        assertThat(gold.catalogEntry(SeriesKey.parse(GoldFixture.TOO_SHORT))
                        .orElseThrow()
                        .forecastable())
                .isFalse();
        assertThat(gold.catalogEntry(ABSENT)).isEmpty();
    }

    @Test
    void aTrainingReadsEveryForecastableSeriesUpToTheLastDayAndNoOther() {
        GoldSnapshot snapshot = gold.forecastableHistory(Optional.empty(), -1);

        assertThat(snapshot.lastActualDate()).isEqualTo(GoldFixture.LAST_DAY);
        assertThat(snapshot.series())
                .extracting(history -> history.key().id())
                .containsExactlyInAnyOrderElementsOf(GoldFixture.FORECASTABLE);
        SeriesHistory noise = snapshot.series().stream()
                .filter(history -> history.key().equals(BROOKLYN_NOISE))
                .findFirst()
                .orElseThrow();
        assertThat(noise.counts()).containsExactly(inDayOrder(GoldFixture.counts(BROOKLYN_NOISE.id())));
        assertThat(snapshot.goldVersion()).isGreaterThanOrEqualTo(0);

        LocalDate weekEarlier = GoldFixture.LAST_DAY.minusDays(7);
        GoldSnapshot earlier = gold.forecastableHistory(Optional.of(weekEarlier), 42);
        assertThat(earlier.lastActualDate()).isEqualTo(weekEarlier);
        assertThat(earlier.goldVersion())
                .as("a version the caller knows is not asked again")
                .isEqualTo(42);
        assertThat(earlier.series())
                .allSatisfy(history -> assertThat(history.lastDate()).isEqualTo(weekEarlier));
    }

    @Test
    void aSeriesHistoryIsItsCountsDayByDayAndAnUnknownSeriesHasNone() {
        SeriesHistory queens = gold.history(QUEENS_NOISE).orElseThrow();

        assertThat(queens.lastDate()).isEqualTo(GoldFixture.LAST_DAY);
        assertThat(queens.counts()).containsExactly(inDayOrder(GoldFixture.counts(QUEENS_NOISE.id())));
        assertThat(gold.history(ABSENT)).isEmpty();
    }

    @Test
    void dailyCountsForSeveralSeriesComeInOneAnswerInTheOrderAsked() {
        LocalDate to = GoldFixture.LAST_DAY;
        LocalDate from = to.minusDays(6);

        Map<String, List<DailyCount>> counts =
                gold.dailyCounts(List.of(QUEENS_NOISE, ABSENT, BROOKLYN_NOISE), from, to);

        assertThat(counts.keySet()).containsExactly(QUEENS_NOISE.id(), BROOKLYN_NOISE.id());
        Map<LocalDate, Long> expected = new TreeMap<>(GoldFixture.counts(BROOKLYN_NOISE.id()));
        expected.keySet().removeIf(day -> day.isBefore(from) || day.isAfter(to));
        assertThat(counts.get(BROOKLYN_NOISE.id()))
                .extracting(DailyCount::date, DailyCount::count)
                .containsExactlyElementsOf(expected.entrySet().stream()
                        .map(day -> tuple(day.getKey(), day.getValue()))
                        .toList());
        assertThat(gold.dailyCounts(BROOKLYN_NOISE, to.plusDays(1), to.plusDays(7)))
                .as("days gold has no row for are left out, not invented")
                .isEmpty();
        assertThat(gold.dailyCounts(List.of(), from, to)).isEmpty();
    }

    private static double[] inDayOrder(Map<LocalDate, Long> counts) {
        return new TreeMap<>(counts)
                .values().stream().mapToDouble(Long::doubleValue).toArray();
    }
}
