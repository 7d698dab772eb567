package org.nyc311.dashboard.overview;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nyc311.api.anomaly.AlertView;
import org.nyc311.api.anomaly.AnomalyView;
import org.nyc311.api.forecast.DailyCountView;
import org.nyc311.api.forecast.StoredForecastView;
import org.nyc311.api.pipeline.DataQualityAlertView;
import org.nyc311.api.pipeline.PipelineRunView;
import org.nyc311.dashboard.base.ui.Card;
import org.nyc311.dashboard.base.ui.DataQualityNotice;
import org.nyc311.dashboard.base.ui.Formats;
import org.nyc311.dashboard.base.ui.ServiceNotice;
import org.nyc311.dashboard.chart.ForecastChart;
import org.nyc311.dashboard.chart.SeriesCharts;
import org.nyc311.dashboard.services.ServiceCalls;
import org.nyc311.dashboard.services.ServiceCalls.Answer;
import org.nyc311.dashboard.services.ServiceUnavailableException;
import org.nyc311.dashboard.services.anomaly.AnomalyFeed;
import org.nyc311.dashboard.services.anomaly.AnomalyQuery;
import org.nyc311.dashboard.services.forecast.Forecasts;
import org.nyc311.dashboard.services.pipeline.PipelineRuns;
import org.nyc311.dashboard.services.pipeline.RunFigures;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.SeriesKey;

/**
 * The morning view: citywide and per-borough forecasts, yesterday against its forecast, open alerts, freshness, and a
 * notice when the feed itself raised a data-quality alert this week.
 */
@Route("")
@RouteAlias("overview")
@PageTitle("Overview · NYC 311")
@Menu(title = "Overview", order = 0)
@PermitAll
public class OverviewView extends VerticalLayout {

    /** How many recent pipeline runs the freshness card looks through for the last successful one. */
    private static final int RECENT_RUNS = 20;
    /** Days of actual counts and anomalies the charts show before today. */
    private static final int HISTORY_DAYS = 60;
    /** The newest data-quality alerts read; the notice shows those of the last 7 days. */
    private static final int RECENT_DATA_QUALITY_ALERTS = 20;

    public OverviewView(
            Forecasts forecasts, AnomalyFeed anomalyFeed, PipelineRuns pipeline, ServiceCalls calls, Clock clock) {
        add(new H2("Overview"));
        Div notices = new Div();
        add(notices);
        LocalDate today = LocalDate.now(clock.withZone(Formats.NEW_YORK));
        LocalDate yesterday = today.minusDays(1);

        Map<String, String> series = new LinkedHashMap<>();
        series.put(SeriesKey.citywide().id(), "Citywide");
        for (Borough borough :
                List.of(Borough.BRONX, Borough.BROOKLYN, Borough.MANHATTAN, Borough.QUEENS, Borough.STATEN_ISLAND)) {
            series.put(SeriesKey.borough(borough).id(), title(borough));
        }

        // every call is independent of the others: all start now and the view waits for the slowest, not for their sum.
        // Only the roll-ups' anomalies (complaint type 'all'): the charts and the yesterday card show no other series
        Answer<List<AnomalyView>> anomaliesAnswer = calls.start(() -> anomalyFeed.anomalies(
                new AnomalyQuery(today.minusDays(HISTORY_DAYS), today, SeriesKey.ALL, null, null)));
        Answer<List<AlertView>> alertsAnswer = calls.start(() -> anomalyFeed.alerts(true));
        Answer<List<PipelineRunView>> runsAnswer = calls.start(() -> pipeline.recent(RECENT_RUNS));
        Answer<List<DataQualityAlertView>> qualityAnswer =
                calls.start(() -> pipeline.dataQualityAlerts(RECENT_DATA_QUALITY_ALERTS));
        // yesterday is judged against the forecast of yesterday morning, not the newest one (it starts today)
        Answer<Optional<StoredForecastView>> yesterdaysAnswer =
                calls.start(() -> forecasts.madeBefore(SeriesKey.citywide().id(), yesterday));
        Map<String, Answer<Optional<StoredForecastView>>> storedAnswers = new LinkedHashMap<>();
        // up to yesterday: today's count is partial (the intake runs at 03:00) and would draw a false drop
        Answer<Map<String, List<DailyCountView>>> actualsAnswer = calls.start(
                () -> forecasts.histories(List.copyOf(series.keySet()), today.minusDays(HISTORY_DAYS), yesterday));
        Map<String, Answer<List<ForecastPoint>>> pastAnswers = new LinkedHashMap<>();
        for (String id : series.keySet()) {
            storedAnswers.put(id, calls.start(() -> forecasts.latest(id)));
            pastAnswers.put(id, calls.start(() -> forecasts.past(id, today.minusDays(HISTORY_DAYS), yesterday)));
        }

        Map<String, Optional<StoredForecastView>> stored = new LinkedHashMap<>();
        Map<String, List<DailyCountView>> actuals = new LinkedHashMap<>();
        Map<String, List<ForecastPoint>> pastForecasts = new LinkedHashMap<>();
        Optional<StoredForecastView> yesterdaysForecast = Optional.empty();
        try {
            for (String id : series.keySet()) {
                stored.put(id, Objects.requireNonNull(storedAnswers.get(id)).get());
            }
            yesterdaysForecast = yesterdaysAnswer.get();
            // apart from the forecasts, which are served while gold is away; the counts are not.
            actuals.putAll(actualsAnswer.get());
            for (String id : series.keySet()) {
                pastForecasts.put(
                        id, Objects.requireNonNull(pastAnswers.get(id)).get());
            }
        } catch (ServiceUnavailableException e) {
            // one notice for the service; the charts still show, empty, so the page keeps its shape
            notices.add(new ServiceNotice(e));
        }
        List<AnomalyView> anomalies = new ArrayList<>();
        String openAlerts;
        String alertContext;
        try {
            anomalies.addAll(anomaliesAnswer.get());
            openAlerts = String.valueOf(alertsAnswer.get().size());
            alertContext = "series running abnormally high";
        } catch (ServiceUnavailableException e) {
            notices.add(new ServiceNotice(e));
            openAlerts = "—";
            alertContext = "anomaly-service unavailable";
        }
        String freshness = "—";
        String freshnessContext;
        boolean runsRead = false;
        try {
            Optional<PipelineRunView> lastGood = runsAnswer.get().stream()
                    .filter(r -> r.state() == PipelineRunView.State.SUCCEEDED
                            && RunFigures.newestData(r).isPresent())
                    .max(Comparator.comparing(PipelineRunView::createdAt));
            if (lastGood.isPresent()) {
                freshness = Formats.age(
                        Duration.between(RunFigures.newestData(lastGood.get()).get(), clock.instant()));
                freshnessContext = "newest request in gold, as of "
                        + Formats.time(lastGood.get().finishedAt());
            } else {
                freshnessContext = "no successful pipeline run yet";
            }
            runsRead = true;
        } catch (ServiceUnavailableException e) {
            notices.add(new ServiceNotice(e));
            freshnessContext = "pipeline-controller unavailable";
        }
        // the feed's own alerts above the numbers they concern: an outage must not be read as quiet streets
        try {
            Instant weekAgo = clock.instant().minus(Duration.ofDays(7));
            List<DataQualityAlertView> lately = qualityAnswer.get().stream()
                    .filter(a -> a.raisedAt().isAfter(weekAgo))
                    .toList();
            if (!lately.isEmpty()) {
                notices.add(new DataQualityNotice(lately));
            }
        } catch (ServiceUnavailableException e) {
            if (runsRead) { // else the notice above already names pipeline-controller
                notices.add(new ServiceNotice(e));
            }
        }

        Optional<ForecastPoint> yesterdayForecast = yesterdaysForecast.flatMap(
                f -> f.points().stream().filter(p -> p.date().equals(yesterday)).findFirst());
        // gold's count; an anomalous day's actual from anomaly-service when gold's could not be read
        Optional<Double> yesterdayActual = actuals
                .getOrDefault(SeriesKey.citywide().id(), List.of())
                .stream()
                .filter(d -> d.date().equals(yesterday))
                .map(d -> (double) d.count())
                .findFirst()
                .or(() -> anomalies.stream()
                        .filter(a -> a.seriesId().equals(SeriesKey.citywide().id())
                                && a.date().equals(yesterday))
                        .map(a -> (double) a.actual())
                        .findFirst());
        FlexLayout cards = new FlexLayout(
                new Card(
                        "Yesterday (" + yesterday + ")",
                        yesterdayActual.map(a -> Formats.number(a, 0)).orElse("—"),
                        "forecast "
                                + yesterdayForecast
                                        .map(p -> Formats.number(p.yhat(), 0) + " (95%: " + Formats.number(p.lower(), 0)
                                                + "–" + Formats.number(p.upper(), 0) + ")")
                                        .orElse("—")
                                + (yesterdayActual.isEmpty() ? "; yesterday's actual count is not in gold yet" : "")),
                new Card("Open alerts", openAlerts, alertContext),
                new Card("Data freshness", freshness, freshnessContext));
        cards.getStyle().set("gap", "var(--lumo-space-m)").set("flex-wrap", "wrap");
        add(cards);

        FlexLayout charts = new FlexLayout();
        charts.getStyle().set("gap", "var(--lumo-space-m)").set("flex-wrap", "wrap");
        charts.setWidthFull();
        for (Map.Entry<String, String> entry : series.entrySet()) {
            ForecastChart chart = new ForecastChart();
            chart.getElement().setAttribute("data-series", entry.getKey());
            boolean citywide = entry.getKey().equals(SeriesKey.citywide().id());
            chart.setWidth(citywide ? "100%" : "calc(50% - var(--lumo-space-m))");
            chart.setHeight(citywide ? "340px" : "260px");
            chart.show(SeriesCharts.of(
                    entry.getValue(),
                    entry.getKey(),
                    stored.getOrDefault(entry.getKey(), Optional.empty()),
                    pastForecasts.getOrDefault(entry.getKey(), List.of()),
                    actuals.getOrDefault(entry.getKey(), List.of()),
                    anomalies,
                    today));
            charts.add(chart);
        }
        add(charts);
        add(
                new Paragraph(
                        "Actual daily counts against the forecast line with its 95% band (before today, the forecast each morning had); diamonds mark anomalous days; the vertical line is today."));
    }

    private static String title(Borough borough) {
        String key = borough.key().replace('-', ' ');
        return Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }
}
