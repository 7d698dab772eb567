package org.nyc311.dashboard.anomalies;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.nyc311.api.anomaly.AlertView;
import org.nyc311.api.anomaly.AnomalyView;
import org.nyc311.dashboard.base.ui.Csv;
import org.nyc311.dashboard.base.ui.CsvDownload;
import org.nyc311.dashboard.base.ui.Formats;
import org.nyc311.dashboard.base.ui.ServiceNotice;
import org.nyc311.dashboard.services.ServiceCalls;
import org.nyc311.dashboard.services.ServiceCalls.Answer;
import org.nyc311.dashboard.services.ServiceUnavailableException;
import org.nyc311.dashboard.services.anomaly.AnomalyFeed;
import org.nyc311.dashboard.services.anomaly.AnomalyQuery;
import org.nyc311.model.series.Borough;

/** Anomalous days, filtered by the service and sorted here, with CSV export; and the open alerts. */
@Route("anomalies")
@PageTitle("Anomalies · NYC 311")
@Menu(title = "Anomalies", order = 2)
@PermitAll
public class AnomaliesView extends VerticalLayout {

    static final List<Csv.Column<AnomalyView>> CSV_COLUMNS = List.of(
            new Csv.Column<>("series", AnomalyView::seriesId),
            new Csv.Column<>("date", AnomalyView::date),
            new Csv.Column<>("actual", AnomalyView::actual),
            new Csv.Column<>("forecast", AnomalyView::yhat),
            new Csv.Column<>("lower_95", AnomalyView::lower),
            new Csv.Column<>("upper_95", AnomalyView::upper),
            new Csv.Column<>("z_score", AnomalyView::zScore),
            new Csv.Column<>("direction", AnomalyView::direction),
            new Csv.Column<>("forecast_run_id", AnomalyView::forecastRunId));

    private final AnomalyFeed feed;
    private final ServiceCalls calls;
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To");
    private final TextField complaintType = new TextField("Complaint type");
    private final ComboBox<String> borough = new ComboBox<>("Borough");
    private final NumberField minSeverity = new NumberField("Min z-score");
    private final Grid<AnomalyView> grid = new Grid<>(AnomalyView.class, false);
    private final Div notices = new Div();
    private final Grid<AlertView> alerts = new Grid<>(AlertView.class, false);
    private List<AnomalyView> shown = new ArrayList<>();

    public AnomaliesView(AnomalyFeed feed, ServiceCalls calls, Clock clock) {
        this.feed = feed;
        this.calls = calls;
        setSizeFull();
        add(new H2("Anomalies"), notices);
        LocalDate today = LocalDate.now(clock.withZone(Formats.NEW_YORK));
        from.setValue(today.minusDays(30));
        to.setValue(today);
        complaintType.setPlaceholder("e.g. noise-residential");
        complaintType.setClearButtonVisible(true);
        borough.setItems(Arrays.stream(Borough.values()).map(Borough::key).toList());
        borough.setClearButtonVisible(true);
        minSeverity.setMin(0);
        minSeverity.setStep(0.5);
        Button apply = new Button("Apply", click -> load());
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.setId("anomalies-apply");
        HorizontalLayout filters = new HorizontalLayout(from, to, complaintType, borough, minSeverity, apply,
                CsvDownload.link("anomalies.csv", () -> Csv.of(CSV_COLUMNS, shown)));
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");
        add(filters);

        grid.setId("anomalies");
        grid.addColumn(AnomalyView::seriesId).setHeader("Series").setSortable(true).setAutoWidth(true);
        grid.addColumn(AnomalyView::date).setHeader("Date").setSortable(true).setAutoWidth(true);
        grid.addColumn(AnomalyView::actual).setHeader("Actual").setSortable(true);
        grid.addColumn(r -> Formats.number(r.yhat(), 1)).setHeader("Forecast").setComparator(Comparator.comparingDouble(AnomalyView::yhat));
        grid.addColumn(r -> Formats.number(r.lower(), 1) + " – " + Formats.number(r.upper(), 1)).setHeader("95% interval");
        grid.addColumn(r -> Formats.number(r.zScore(), 2)).setHeader("z-score").setComparator(Comparator.comparingDouble(AnomalyView::zScore));
        grid.addColumn(AnomalyView::direction).setHeader("Direction").setSortable(true);
        add(grid);
        setFlexGrow(1, grid);

        alerts.setId("alerts");
        alerts.addColumn(AlertView::seriesId).setHeader("Series").setSortable(true).setAutoWidth(true);
        alerts.addColumn(AlertView::episodeStart).setHeader("Episode start").setSortable(true);
        alerts.addColumn(AlertView::openedOn).setHeader("Opened").setSortable(true);
        alerts.addColumn(AlertView::lastAnomalousDate).setHeader("Last anomalous day").setSortable(true);
        alerts.addColumn(AlertView::anomalousDays).setHeader("Days").setSortable(true);
        alerts.addColumn(r -> Formats.number(r.peakZScore(), 2)).setHeader("Peak z").setComparator(Comparator.comparingDouble(AlertView::peakZScore));
        alerts.setAllRowsVisible(true);
        add(new H3("Open alerts"), alerts);
        load();
    }

    private void load() {
        notices.removeAll();
        String type = complaintType.getValue() == null || complaintType.getValue().isBlank() ? null
                : complaintType.getValue().strip().toLowerCase(Locale.ROOT);
        AnomalyQuery query = new AnomalyQuery(from.getValue(), to.getValue(), type, borough.getValue(), minSeverity.getValue());
        // independent: both under way together
        Answer<List<AlertView>> open = calls.start(() -> feed.alerts(true));
        try {
            shown = new ArrayList<>(feed.anomalies(query));
            alerts.setItems(open.get());
        } catch (ServiceUnavailableException e) {
            notices.add(new ServiceNotice(e));
            shown = new ArrayList<>();
            alerts.setItems(List.of());
        }
        shown.sort(Comparator.comparing(AnomalyView::date).reversed());
        grid.setItems(shown);
    }
}
