package org.nyc311.anomaly.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionTest {

    private static final LocalDate D0 = LocalDate.of(2026, 6, 1);

    @Test
    void aSeriesBackToUsualOnItsLastDayHasNoRunGoingOn() {
        assertThat(detection("SR.").runningSince()).isEmpty();
        assertThat(detection("").runningSince()).isEmpty();
    }

    @Test
    void theRunGoingOnStartsOnItsFirstRaisedOrFlaggedDayWhetherOrNotItHasOpenedAnAlert() {
        assertThat(detection("..RSS").runningSince()).contains(D0.plusDays(2));
        assertThat(detection("S.R").runningSince()).contains(D0.plusDays(2));
    }

    @Test
    void aRiseStraightAfterARunOfDropsIsARunOfItsOwn() {
        assertThat(detection(".DDSS").runningSince()).contains(D0.plusDays(3));
        assertThat(detection(".SDD").runningSince()).contains(D0.plusDays(2));
    }

    @Test
    void aDropThatDoesNotCountTowardAlertsEndsTheRun() {
        // d: below the lower bound but not anomalous (drops off)
        assertThat(detection("SSd").runningSince()).isEmpty();
        assertThat(detection("SdS").runningSince()).contains(D0.plusDays(2));
    }

    /**
     * One day per letter from {@link #D0}: {@code .} usual, {@code S} a flagged spike, {@code D} a flagged drop,
     * {@code d} a drop that is not flagged, {@code R} raised inside its interval.
     */
    private static Detection detection(String days) {
        List<DayVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < days.length(); i++) {
            char c = days.charAt(i);
            double actual = c == 'S' ? 200 : c == 'D' || c == 'd' ? 20 : c == 'R' ? 140 : 100;
            ObservedDay day = new ObservedDay(D0.plusDays(i), actual, 100, 50, 150);
            Breach breach = c == 'S' ? Breach.SPIKE : c == 'D' || c == 'd' ? Breach.DROP : Breach.NONE;
            verdicts.add(new DayVerdict(day, breach, c == 'S' || c == 'D', c == 'R', 0, false, 0));
        }
        return new Detection(verdicts, List.of());
    }
}
