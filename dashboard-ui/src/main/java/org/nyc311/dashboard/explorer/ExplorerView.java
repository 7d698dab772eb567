package org.nyc311.dashboard.explorer;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nyc311.api.anomaly.AnomalyView;
import org.nyc311.api.forecast.CrossValidation;
import org.nyc311.api.forecast.DailyCountView;
import org.nyc311.api.forecast.ModelView;
import org.nyc311.api.forecast.SeriesView;
import org.nyc311.api.forecast.StoredForecastView;
import org.nyc311.dashboard.base.ui.Card;
import org.nyc311.dashboard.base.ui.Formats;
import org.nyc311.dashboard.base.ui.ServiceNotice;
import org.nyc311.dashboard.chart.ForecastChart;
import org.nyc311.dashboard.chart.SeriesCharts;
import org.nyc311.dashboard.config.DashboardProperties;
import org.nyc311.dashboard.services.ServiceCalls;
import org.nyc311.dashboard.services.ServiceCalls.Answer;
import org.nyc311.dashboard.services.ServiceUnavailableException;
import org.nyc311.dashboard.services.anomaly.AnomalyFeed;
import org.nyc311.dashboard.services.anomaly.AnomalyQuery;
import org.nyc311.dashboard.services.forecast.Forecasts;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.model.series.SeriesKey;

/**
 * One series at a time: choose a complaint type and a borough; its forecast, its model's quality, its MLflow run.
 * {@code /explorer?complaintType=noise-residential&borough=brooklyn} opens on that series (alert notifications link so).
 */
@Route("explorer")
@PageTitle("Explorer · NYC 311")
@Menu(title = "Explorer", order = 1)
@PermitAll
public class ExplorerView extends VerticalLayout implements BeforeEnterObserver {

    private static final String ALL = SeriesKey.ALL;
    /** Days of actual counts and anomalies the chart shows before today. */
    private static final int HISTORY_DAYS = 120;

    private final Forecasts forecasts;
    private final AnomalyFeed anomalyFeed;
    private final ServiceCalls calls;
    private final DashboardProperties dashboard;
    private final Clock clock;
    private final ComboBox<String> complaintType = new ComboBox<>("Complaint type");
    private final ComboBox<String> borough = new ComboBox<>("Borough");
    private final Div notices = new Div();
    private final ForecastChart chart = new ForecastChart();
    private final FlexLayout quality = new FlexLayout();
    private final Map<String, String> typeNames = new LinkedHashMap<>();
    /** Set while a link's series is put into both choices: one load for the pair, not one per choice. */
    private boolean choosing;

    public ExplorerView(
            Forecasts forecasts,
            AnomalyFeed anomalyFeed,
            ServiceCalls calls,
            DashboardProperties dashboard,
            Clock clock) {
        this.forecasts = forecasts;
        this.anomalyFeed = anomalyFeed;
        this.calls = calls;
        this.dashboard = dashboard;
        this.clock = clock;
        add(new H2("Explorer"), notices);
        // the catalog (for the choices) and the first series' calls are independent: all start now
        Answer<List<SeriesView>> catalogAnswer = calls.start(forecasts::catalog);
        Optional<SeriesCalls> first = start(ALL, ALL);
        List<SeriesView> catalog = List.of();
        ServiceUnavailableException catalogProblem = null;
        try {
            catalog = catalogAnswer.get();
        } catch (ServiceUnavailableException e) {
            catalogProblem = e;
        }
        typeNames.put(ALL, "All complaint types");
        catalog.stream()
                .filter(s -> s.complaintTypeKey() != null && !ALL.equals(s.complaintTypeKey()))
                .sorted(Comparator.comparing(
                        SeriesView::complaintType, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(s -> typeNames.putIfAbsent(
                        s.complaintTypeKey(), s.complaintType() == null ? s.complaintTypeKey() : s.complaintType()));
        complaintType.setItems(new ArrayList<>(typeNames.keySet()));
        complaintType.setItemLabelGenerator(key -> typeNames.getOrDefault(key, key));
        complaintType.setValue(ALL);
        complaintType.setId("explorer-type");
        List<String> boroughs = new ArrayList<>(List.of(ALL));
        catalog.stream()
                .map(SeriesView::borough)
                .filter(b -> b != null && !ALL.equals(b))
                .distinct()
                .sorted()
                .forEach(boroughs::add);
        if (boroughs.size() == 1) {
            for (org.nyc311.model.series.Borough b : org.nyc311.model.series.Borough.values()) {
                boroughs.add(b.key());
            }
        }
        borough.setItems(boroughs);
        borough.setValue(ALL);
        borough.setId("explorer-borough");
        complaintType.addValueChangeListener(e -> choose());
        borough.addValueChangeListener(e -> choose());
        add(new HorizontalLayout(complaintType, borough), chart, quality);
        quality.getStyle().set("gap", "var(--lumo-space-m)").set("flex-wrap", "wrap");
        show(first);
        String catalogService = catalogProblem == null ? null : catalogProblem.service();
        // one notice per service: the series' calls to forecast-service have usually failed alike
        if (catalogProblem != null
                && notices.getChildren().noneMatch(n -> n.getElement().getText().startsWith(catalogService))) {
            notices.addComponentAsFirst(new ServiceNotice(catalogProblem));
        }
    }

    private void choose() {
        if (!choosing) {
            show(start(chosen(complaintType), chosen(borough)));
        }
    }

    /** A link naming a series chooses it: the choices are set once, and that series' calls start once. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters =
                event.getLocation().getQueryParameters().getParameters();
        String type = parameters.getOrDefault("complaintType", List.of()).stream()
                .findFirst()
                .orElse(null);
        String place = parameters.getOrDefault("borough", List.of()).stream()
                .findFirst()
                .orElse(null);
        if (type == null || place == null || (type.equals(chosen(complaintType)) && place.equals(chosen(borough)))) {
            return;
        }
        choosing = true;
        try {
            complaintType.setValue(type);
            borough.setValue(place);
        } finally {
            choosing = false;
        }
        show(start(type, place));
    }

    private static String chosen(ComboBox<String> box) {
        return box.getValue() == null ? ALL : box.getValue();
    }

    /** One series' calls, under way together. */
    private record SeriesCalls(
            String type,
            String place,
            LocalDate today,
            Answer<Optional<StoredForecastView>> forecast,
            Answer<Optional<ModelView>> model,
            Answer<List<DailyCountView>> history,
            Answer<List<ForecastPoint>> past,
            Answer<List<AnomalyView>> anomalies) {}

    /** Starts the calls of the series {@code type}/{@code place}; none for a complaint type without a borough. */
    private Optional<SeriesCalls> start(String type, String place) {
        if (!ALL.equals(type) && ALL.equals(place)) {
            return Optional.empty();
        }
        String seriesId = type + "/" + place;
        LocalDate today = LocalDate.now(clock.withZone(Formats.NEW_YORK));
        LocalDate from = today.minusDays(HISTORY_DAYS);
        // up to yesterday: today's count is partial until tomorrow's intake
        LocalDate yesterday = today.minusDays(1);
        return Optional.of(new SeriesCalls(
                type,
                place,
                today,
                calls.start(() -> forecasts.latest(seriesId)),
                calls.start(() -> forecasts.model(seriesId)),
                calls.start(() -> forecasts.history(seriesId, from, yesterday)),
                calls.start(() -> forecasts.past(seriesId, from, yesterday)),
                // exactly this series' level ('all' is a key of its own): not every type's anomalies in a borough
                calls.start(() -> anomalyFeed.anomalies(new AnomalyQuery(from, today, type, place, null)))));
    }

    private void show(Optional<SeriesCalls> started) {
        notices.removeAll();
        quality.removeAll();
        if (started.isEmpty()) {
            notices.add(new ServiceNotice("A complaint type is forecast per borough: choose a borough."));
            return;
        }
        SeriesCalls series = started.get();
        String type = series.type();
        String place = series.place();
        String seriesId = type + "/" + place;
        LocalDate today = series.today();
        Optional<StoredForecastView> forecast = Optional.empty();
        Optional<ModelView> model = Optional.empty();
        List<DailyCountView> history = List.of();
        List<ForecastPoint> past = List.of();
        boolean answered = false;
        try {
            forecast = series.forecast().get();
            model = series.model().get();
            answered = true;
            // after the forecast: stored forecasts are served while gold is away, its counts are not
            history = series.history().get();
            past = series.past().get();
        } catch (ServiceUnavailableException e) {
            notices.add(new ServiceNotice(e));
        }
        List<AnomalyView> anomalies = List.of();
        try {
            anomalies = series.anomalies().get();
        } catch (ServiceUnavailableException e) {
            notices.add(new ServiceNotice(e));
        }
        String title = typeNames.getOrDefault(type, type) + " · " + place;
        chart.show(SeriesCharts.of(title, seriesId, forecast, past, history, anomalies, today));
        if (model.isEmpty()) {
            if (answered) {
                quality.add(new Span("No stored forecast or model for " + seriesId + " yet."));
            }
            return;
        }
        ModelView m = model.get();
        CrossValidation cv = m.crossValidation();
        quality.add(
                new Card("Model", m.model(), "history " + m.historyStart() + " – " + m.historyEnd()),
                new Card(
                        "MASE (CV)",
                        cv == null ? "—" : Formats.number(cv.mase(), 2),
                        "below 1 beats the seasonal naive forecast"),
                new Card(
                        "WAPE (CV)",
                        cv == null ? "—" : Formats.percentPoints(cv.wape()),
                        "weighted absolute percentage error"),
                new Card(
                        "95% coverage (CV)",
                        cv == null ? "—" : Formats.percent(cv.coverage()),
                        cv == null ? "" : "on " + cv.points() + " held-out days; 95% is calibrated"));
        mlflowLink(m).ifPresent(quality::add);
    }

    private Optional<Anchor> mlflowLink(ModelView m) {
        // the training's run holds every series: its per-series table shows this one's row, the run page would not
        String url = m.mlflowSeriesTableUrl() != null ? m.mlflowSeriesTableUrl() : m.mlflowRunUrl();
        if (url == null && m.mlflowRunId() != null && dashboard.mlflowUiUrl() != null) {
            url = dashboard.mlflowUiUrl();
        }
        if (url == null) {
            return Optional.empty();
        }
        Anchor link = new Anchor(url, "MLflow run " + (m.mlflowRunId() == null ? "" : m.mlflowRunId()));
        link.setTarget("_blank");
        return Optional.of(link);
    }
}
