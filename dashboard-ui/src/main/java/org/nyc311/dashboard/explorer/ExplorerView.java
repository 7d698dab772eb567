package org.nyc311.dashboard.explorer;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
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
import org.nyc311.dashboard.services.ServiceUnavailableException;
import org.nyc311.dashboard.services.anomaly.AnomalyFeed;
import org.nyc311.dashboard.services.anomaly.AnomalyQuery;
import org.nyc311.dashboard.services.forecast.Forecasts;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.model.series.SeriesKey;

/** One series at a time: choose a complaint type and a borough; its forecast, its model's quality, its MLflow run. */
@Route("explorer")
@PageTitle("Explorer · NYC 311")
@Menu(title = "Explorer", order = 1)
@PermitAll
public class ExplorerView extends VerticalLayout {

    private static final String ALL = SeriesKey.ALL;
    /** Days of actual counts and anomalies the chart shows before today. */
    private static final int HISTORY_DAYS = 120;

    private final Forecasts forecasts;
    private final AnomalyFeed anomalyFeed;
    private final DashboardProperties dashboard;
    private final Clock clock;
    private final ComboBox<String> complaintType = new ComboBox<>("Complaint type");
    private final ComboBox<String> borough = new ComboBox<>("Borough");
    private final Div notices = new Div();
    private final ForecastChart chart = new ForecastChart();
    private final FlexLayout quality = new FlexLayout();
    private final Map<String, String> typeNames = new LinkedHashMap<>();

    public ExplorerView(Forecasts forecasts, AnomalyFeed anomalyFeed, DashboardProperties dashboard, Clock clock) {
        this.forecasts = forecasts;
        this.anomalyFeed = anomalyFeed;
        this.dashboard = dashboard;
        this.clock = clock;
        add(new H2("Explorer"), notices);
        List<SeriesView> catalog = List.of();
        try {
            catalog = forecasts.catalog();
        } catch (ServiceUnavailableException e) {
            notices.add(new ServiceNotice(e));
        }
        typeNames.put(ALL, "All complaint types");
        catalog.stream().filter(s -> s.complaintTypeKey() != null && !ALL.equals(s.complaintTypeKey()))
                .sorted(Comparator.comparing(SeriesView::complaintType, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(s -> typeNames.putIfAbsent(s.complaintTypeKey(), s.complaintType() == null ? s.complaintTypeKey() : s.complaintType()));
        complaintType.setItems(new ArrayList<>(typeNames.keySet()));
        complaintType.setItemLabelGenerator(key -> typeNames.getOrDefault(key, key));
        complaintType.setValue(ALL);
        complaintType.setId("explorer-type");
        List<String> boroughs = new ArrayList<>(List.of(ALL));
        catalog.stream().map(SeriesView::borough).filter(b -> b != null && !ALL.equals(b)).distinct().sorted().forEach(boroughs::add);
        if (boroughs.size() == 1) {
            for (org.nyc311.model.series.Borough b : org.nyc311.model.series.Borough.values()) {
                boroughs.add(b.key());
            }
        }
        borough.setItems(boroughs);
        borough.setValue(ALL);
        borough.setId("explorer-borough");
        complaintType.addValueChangeListener(e -> show());
        borough.addValueChangeListener(e -> show());
        add(new HorizontalLayout(complaintType, borough), chart, quality);
        quality.getStyle().set("gap", "var(--lumo-space-m)").set("flex-wrap", "wrap");
        show();
    }

    private void show() {
        notices.removeAll();
        quality.removeAll();
        String type = complaintType.getValue() == null ? ALL : complaintType.getValue();
        String place = borough.getValue() == null ? ALL : borough.getValue();
        if (!ALL.equals(type) && ALL.equals(place)) {
            notices.add(new ServiceNotice("A complaint type is forecast per borough: choose a borough."));
            return;
        }
        String seriesId = type + "/" + place;
        LocalDate today = LocalDate.now(clock.withZone(Formats.NEW_YORK));
        Optional<StoredForecastView> forecast = Optional.empty();
        Optional<ModelView> model = Optional.empty();
        List<DailyCountView> history = List.of();
        List<ForecastPoint> past = List.of();
        boolean answered = false;
        try {
            forecast = forecasts.latest(seriesId);
            model = forecasts.model(seriesId);
            answered = true;
            // after the forecast: stored forecasts are served while gold is away, its counts are not
            // up to yesterday: today's count is partial until tomorrow's intake
            history = forecasts.history(seriesId, today.minusDays(HISTORY_DAYS), today.minusDays(1));
            past = forecasts.past(seriesId, today.minusDays(HISTORY_DAYS), today.minusDays(1));
        } catch (ServiceUnavailableException e) {
            notices.add(new ServiceNotice(e));
        }
        List<AnomalyView> anomalies = List.of();
        try {
            anomalies = anomalyFeed.anomalies(new AnomalyQuery(today.minusDays(HISTORY_DAYS), today,
                    ALL.equals(type) ? null : type, ALL.equals(place) ? null : place, null));
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
        quality.add(new Card("Model", m.model(), "history " + m.historyStart() + " – " + m.historyEnd()),
                new Card("MASE (CV)", cv == null ? "—" : Formats.number(cv.mase(), 2), "below 1 beats the seasonal naive forecast"),
                new Card("WAPE (CV)", cv == null ? "—" : Formats.percentPoints(cv.wape()), "weighted absolute percentage error"),
                new Card("95% coverage (CV)", cv == null ? "—" : Formats.percent(cv.coverage()),
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
