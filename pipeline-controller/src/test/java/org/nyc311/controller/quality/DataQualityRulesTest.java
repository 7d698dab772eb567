package org.nyc311.controller.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nyc311.api.pipeline.DataQualityAlertView.Kind;
import org.nyc311.controller.quality.DataQualityRules.Finding;

class DataQualityRulesTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 4, 13);
    private static final LocalDate FIRST = MONDAY.minusWeeks(5);

    private final DataQualityRules rules = new DataQualityRules(DataQualityProperties.defaults());

    /** Five weeks of an ordinary feed up to {@code MONDAY}: weekdays 9,000, weekends 6,000. */
    private static SortedMap<LocalDate, Long> fiveWeeks() {
        SortedMap<LocalDate, Long> days = new TreeMap<>();
        for (LocalDate day = MONDAY.minusWeeks(5); !day.isAfter(MONDAY); day = day.plusDays(1)) {
            days.put(day, day.getDayOfWeek().getValue() >= 6 ? 6_000L : 9_000L);
        }
        return days;
    }

    @Test
    void anOrdinaryFeedRaisesNothing() {
        assertThat(rules.judgeDays(fiveWeeks(), MONDAY, FIRST)).isEmpty();
    }

    @Test
    void aDayBelowHalfItsWeekdaysMedianIsAFeedDropAndOneAboveIsNot() {
        SortedMap<LocalDate, Long> days = fiveWeeks();
        days.put(MONDAY, 4_400L);
        days.put(MONDAY.minusDays(1), 3_100L); // a Sunday at 52% of Sundays: low, but no drop

        List<Finding> findings = rules.judgeDays(days, MONDAY, FIRST);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.FEED_DROP);
            assertThat(f.day()).isEqualTo(MONDAY);
            assertThat(f.subject()).isEqualTo("2026-04-13");
            assertThat(f.observed()).isEqualTo(4_400);
            assertThat(f.expected()).isEqualTo(9_000);
            assertThat(f.detail()).contains("2026-04-13 (Monday)", "4,400 requests", "49%", "9,000");
        });
    }

    @Test
    void aDayWithNoRequestsOrNoRecordIsAMissingDay() {
        SortedMap<LocalDate, Long> days = fiveWeeks();
        days.put(MONDAY, 0L);
        days.remove(MONDAY.minusDays(2));

        assertThat(rules.judgeDays(days, MONDAY, FIRST))
                .extracting(Finding::kind, Finding::day)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.MISSING_DAY, MONDAY.minusDays(2)),
                        org.assertj.core.groups.Tuple.tuple(Kind.MISSING_DAY, MONDAY));
    }

    @Test
    void onlyTheNewestWeekIsJudgedAndNothingBeforeTheFirstJudgedDay() {
        SortedMap<LocalDate, Long> days = fiveWeeks();
        days.put(MONDAY.minusDays(7), 0L); // outside the 7 judged days

        assertThat(rules.judgeDays(days, MONDAY, FIRST)).isEmpty();

        SortedMap<LocalDate, Long> firstDaysOnly = new TreeMap<>();
        firstDaysOnly.put(MONDAY.minusDays(1), 8_000L);
        firstDaysOnly.put(MONDAY, 8_500L);
        assertThat(rules.judgeDays(firstDaysOnly, MONDAY, MONDAY.minusDays(1)))
                .as("no history to call a drop, and nothing before the first judged day is missing")
                .isEmpty();
    }

    @Test
    void aMissingDayInTheHistoryDoesNotLowerTheBaseline() {
        SortedMap<LocalDate, Long> days = fiveWeeks();
        days.put(MONDAY.minusWeeks(1), 0L);
        days.put(MONDAY, 4_000L);

        assertThat(rules.judgeDays(days, MONDAY, FIRST))
                .filteredOn(f -> MONDAY.equals(f.day()))
                .singleElement()
                .satisfies(f -> assertThat(f.expected()).isEqualTo(9_000));
    }

    @Test
    void aQuarantineRateThreeTimesTheEarlierRunsAndAPointAboveIsASurge() {
        List<Double> earlier = List.of(0.002, 0.003, 0.002, 0.004);

        assertThat(rules.judgeQuarantine("run-9", 9_000, 100, earlier))
                .as("1.1%: under 0.25% + 1 point")
                .isEmpty();
        assertThat(rules.judgeQuarantine("run-9", 9_000, 900, earlier)).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(Kind.QUARANTINE_SURGE);
            assertThat(f.subject()).isEqualTo("run-9");
            assertThat(f.day()).isNull();
            assertThat(f.observed()).isEqualTo(0.1);
            assertThat(f.expected()).isEqualTo(0.0025);
            assertThat(f.detail()).contains("900 of 9,000 records (10.00%)", "0.25%", "4 runs before");
        });
    }

    @Test
    void aHighBaselineNeedsThreeTimesItNotJustAPointMore() {
        List<Double> earlier = List.of(0.05, 0.05, 0.05);

        assertThat(rules.judgeQuarantine("run-9", 10_000, 1_000, earlier)).isEmpty();
        assertThat(rules.judgeQuarantine("run-9", 10_000, 1_600, earlier)).isPresent();
    }

    @Test
    void smallRunsAreNotJudgedAndWithoutHistoryAnyShareAboveAPointIsASurge() {
        assertThat(rules.judgeQuarantine("run-1", 499, 400, List.of())).isEmpty();
        assertThat(rules.judgeQuarantine("run-1", 1_000, 9, List.of(0.0))).isEmpty();
        assertThat(rules.judgeQuarantine("run-1", 1_000, 10, List.of(0.0)))
                .hasValueSatisfying(f -> assertThat(f.expected()).isZero());
    }

    @Test
    void thresholdsOutsideTheirRangeAreRefusedByName() {
        assertThatThrownBy(() -> new DataQualityProperties(1.2, 0, 0, 0, 0, 0, 0, null, null))
                .hasMessageContaining("feed-drop-fraction");
        assertThatThrownBy(() -> new DataQualityProperties(0, 2, 0, 0, 0, 0, 0, null, null))
                .hasMessageContaining("baseline-weeks");
        assertThatThrownBy(() -> new DataQualityProperties(0, 0, 0, 0, 0.5, 0, 0, null, null))
                .hasMessageContaining("quarantine-surge-factor");
    }
}
