package org.nyc311.dashboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nyc311.api.pipeline.DataQualityAlertView;
import org.nyc311.dashboard.base.ui.Card;
import org.nyc311.dashboard.base.ui.ServiceNotice;
import org.nyc311.dashboard.services.ServiceClientsSlice;
import org.nyc311.dashboard.services.TestServices;
import org.nyc311.dashboard.services.pipeline.PipelineRuns;
import org.nyc311.testsupport.net.JsonStubServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * The Pipeline view's data-quality section against a stand-in pipeline-controller on a real socket: the alerts it
 * serves are counted on the card and listed, and alerts that cannot be read never look like none.
 */
@SpringJUnitConfig({ServiceClientsSlice.class, PipelineViewTest.StandIn.class})
class PipelineViewTest {

    @Autowired
    PipelineRuns runs;

    @Autowired
    CacheManager caches;

    @Autowired
    Clock clock;

    /** The view's CSV link registers its download with the current UI, which holds it weakly: kept here. */
    private UI ui;

    static final JsonStubServer CONTROLLER = new JsonStubServer();

    @Configuration(proxyBeanMethods = false)
    static class StandIn {

        @Bean
        org.nyc311.dashboard.config.ServicesProperties services() {
            return TestServices.at(CONTROLLER.baseUri());
        }
    }

    @BeforeEach
    void freshCacheAndUi() {
        ServiceClientsSlice.emptyCaches(caches);
        CONTROLLER.answer("/api/v1/runs", List.of());
        ui = new UI();
        UI.setCurrent(ui);
    }

    @AfterEach
    void noUi() {
        UI.setCurrent(null);
    }

    @AfterAll
    static void stop() {
        CONTROLLER.close();
    }

    @Test
    void theFeedsAlertsAreCountedAndListed() {
        Instant now = clock.instant();
        CONTROLLER.answer(
                "/api/v1/data-quality-alerts",
                List.of(
                        alert(DataQualityAlertView.Kind.FEED_DROP, now.minusSeconds(3_600)),
                        alert(DataQualityAlertView.Kind.QUARANTINE_SURGE, now.minusSeconds(30 * 86_400))));

        PipelineView view = new PipelineView(runs, clock);

        assertThat(figure(view, "Data-quality alerts"))
                .as("raised in the last 7 days")
                .isEqualTo("1");
        assertThat(descendants(view).filter(ServiceNotice.class::isInstance)).isEmpty();
        Grid<?> grid = (Grid<?>) descendants(view)
                .filter(c -> c.getId().filter("pipeline-data-quality"::equals).isPresent())
                .findFirst()
                .orElseThrow();
        assertThat(grid.getGenericDataView().getItems()).hasSize(2);
    }

    @Test
    void alertsThatCannotBeReadAreSaidSoNotShownAsNone() {
        CONTROLLER.status("/api/v1/data-quality-alerts", 503);

        PipelineView view = new PipelineView(runs, clock);

        assertThat(figure(view, "Data-quality alerts")).isEqualTo("—");
        assertThat(descendants(view).filter(ServiceNotice.class::isInstance)).hasSize(1);
    }

    private static DataQualityAlertView alert(DataQualityAlertView.Kind kind, Instant raisedAt) {
        return new DataQualityAlertView(
                UUID.randomUUID(),
                kind,
                kind == DataQualityAlertView.Kind.FEED_DROP
                        ? "2026-06-27"
                        : UUID.randomUUID().toString(),
                kind == DataQualityAlertView.Kind.FEED_DROP ? LocalDate.of(2026, 6, 27) : null,
                UUID.randomUUID(),
                4_100,
                8_900,
                "what happened",
                raisedAt);
    }

    /** The figure of the card with this label. */
    private static String figure(Component view, String label) {
        Card card = (Card) descendants(view)
                .filter(Card.class::isInstance)
                .filter(c -> c.getElement().getChild(0).getText().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no card " + label));
        return card.getElement().getChild(1).getText();
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(PipelineViewTest::descendants));
    }
}
