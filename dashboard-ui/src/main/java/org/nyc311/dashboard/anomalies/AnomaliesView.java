package org.nyc311.dashboard.anomalies;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.anomaly.AlertView;
import org.nyc311.api.anomaly.AnomalyView;
import org.nyc311.api.anomaly.LabelPrecisionView;
import org.nyc311.api.anomaly.LabelView;
import org.nyc311.dashboard.base.ui.Card;
import org.nyc311.dashboard.base.ui.Csv;
import org.nyc311.dashboard.base.ui.CsvDownload;
import org.nyc311.dashboard.base.ui.Formats;
import org.nyc311.dashboard.base.ui.ServiceNotice;
import org.nyc311.dashboard.services.ServiceCalls;
import org.nyc311.dashboard.services.ServiceCalls.Answer;
import org.nyc311.dashboard.services.ServiceUnavailableException;
import org.nyc311.dashboard.services.anomaly.AnomalyFeed;
import org.nyc311.dashboard.services.anomaly.AnomalyQuery;
import org.nyc311.dashboard.services.anomaly.ServiceRefusal;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.series.Borough;

/**
 * Anomalous days, filtered by the service and sorted here, with CSV export; the alerts (open or closed), which an
 * analyst acknowledges and labels real or false with a note (as the logged-in user); and the labelled precision of
 * the last 90 days.
 */
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
    private final ComboBox<String> alertStatus = new ComboBox<>("Alerts");
    private final Div precision = new Div();
    private final TextField note = new TextField("Note");
    private final Button acknowledge = new Button("Acknowledge");
    private final Button real = new Button("Label real");
    private final Button falseAlert = new Button("Label false");
    private final Span reviewStatus = new Span();
    private final AuthenticationContext authentication;
    private final Clock clock;
    private List<AnomalyView> shown = new ArrayList<>();

    public AnomaliesView(AnomalyFeed feed, ServiceCalls calls, Clock clock, AuthenticationContext authentication) {
        this.feed = feed;
        this.calls = calls;
        this.authentication = authentication;
        this.clock = clock;
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
        HorizontalLayout filters = new HorizontalLayout(
                from,
                to,
                complaintType,
                borough,
                minSeverity,
                apply,
                CsvDownload.link("anomalies.csv", () -> Csv.of(CSV_COLUMNS, shown)));
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");
        add(filters);

        grid.setId("anomalies");
        grid.addColumn(AnomalyView::seriesId)
                .setHeader("Series")
                .setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(AnomalyView::date).setHeader("Date").setSortable(true).setAutoWidth(true);
        grid.addColumn(AnomalyView::actual).setHeader("Actual").setSortable(true);
        grid.addColumn(r -> Formats.number(r.yhat(), 1))
                .setHeader("Forecast")
                .setComparator(Comparator.comparingDouble(AnomalyView::yhat));
        grid.addColumn(r -> Formats.number(r.lower(), 1) + " – " + Formats.number(r.upper(), 1))
                .setHeader("95% interval");
        grid.addColumn(r -> Formats.number(r.zScore(), 2))
                .setHeader("z-score")
                .setComparator(Comparator.comparingDouble(AnomalyView::zScore));
        grid.addColumn(AnomalyView::direction).setHeader("Direction").setSortable(true);
        add(grid);
        setFlexGrow(1, grid);

        precision.setId("alert-precision");
        add(precision);

        alerts.setId("alerts");
        alerts.addColumn(AlertView::seriesId)
                .setHeader("Series")
                .setSortable(true)
                .setAutoWidth(true);
        alerts.addColumn(AlertView::episodeStart).setHeader("Episode start").setSortable(true);
        alerts.addColumn(AlertView::openedOn).setHeader("Opened").setSortable(true);
        alerts.addColumn(AlertView::lastAnomalousDate)
                .setHeader("Last anomalous day")
                .setSortable(true);
        alerts.addColumn(AlertView::anomalousDays).setHeader("Days").setSortable(true);
        alerts.addColumn(r -> Formats.number(r.peakZScore(), 2))
                .setHeader("Peak z")
                .setComparator(Comparator.comparingDouble(AlertView::peakZScore));
        alerts.addColumn(r -> openedBy(r.openedBy()))
                .setHeader("Opened by")
                .setSortable(true)
                .setAutoWidth(true);
        alerts.addColumn(r -> closed(r.closedOn(), r.closedBecause()))
                .setHeader("Closed")
                .setAutoWidth(true);
        alerts.addColumn(r -> r.acknowledgement() == null
                        ? ""
                        : r.acknowledgement().actor() + ", "
                                + day(r.acknowledgement().at()))
                .setHeader("Acknowledged")
                .setAutoWidth(true);
        alerts.addColumn(r -> label(r.label())).setHeader("Label").setAutoWidth(true);
        alerts.setAllRowsVisible(true);
        alerts.addSelectionListener(e -> reviewable());
        alertStatus.setItems("open", "closed");
        alertStatus.setValue("open");
        alertStatus.setId("alerts-status");
        alertStatus.addValueChangeListener(e -> loadAlerts());
        note.setId("alert-note");
        note.setPlaceholder("why (optional)");
        note.setMaxLength(2000);
        acknowledge.setId("alert-acknowledge");
        acknowledge.addClickListener(e -> review(a -> feed.acknowledge(a.alertId(), actor()), "acknowledged"));
        real.setId("alert-real");
        real.addClickListener(
                e -> review(a -> feed.label(a.alertId(), "REAL", note.getValue(), actor()), "labelled real"));
        falseAlert.setId("alert-false");
        falseAlert.addClickListener(
                e -> review(a -> feed.label(a.alertId(), "FALSE", note.getValue(), actor()), "labelled false"));
        reviewStatus.setId("alert-review-status");
        HorizontalLayout reviewing = new HorizontalLayout(acknowledge, note, real, falseAlert, reviewStatus);
        reviewing.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        reviewing.getStyle().set("flex-wrap", "wrap");
        reviewable();
        add(new H3("Alerts"), alertStatus, alerts, reviewing);
        load();
    }

    /** The logged-in user: the actor anomaly-service records (the dashboard's own name for them). */
    private String actor() {
        return authentication.getPrincipalName().orElse("");
    }

    /** Acts on the chosen alert, then shows the alerts and the precision as anomaly-service has them now. */
    private void review(java.util.function.Function<AlertView, AlertView> action, String done) {
        AlertView chosen = alerts.getSelectedItems().stream().findFirst().orElse(null);
        if (chosen == null) {
            return;
        }
        try {
            action.apply(chosen);
            reviewStatus.setText(chosen.seriesId() + " " + done);
            note.clear();
        } catch (ServiceRefusal e) {
            reviewStatus.setText(e.getMessage());
        } catch (ServiceUnavailableException e) {
            reviewStatus.setText(e.getMessage());
        }
        loadAlerts();
    }

    private void reviewable() {
        boolean chosen = !alerts.getSelectedItems().isEmpty();
        acknowledge.setEnabled(chosen);
        real.setEnabled(chosen);
        falseAlert.setEnabled(chosen);
    }

    private void loadAlerts() {
        Answer<LabelPrecisionView> labelled = calls.start(feed::precision);
        // the rows change (their label), so a kept selection would name the old row
        alerts.deselectAll();
        try {
            alerts.setItems(listed(feed.alerts(!"closed".equals(alertStatus.getValue()))));
        } catch (ServiceUnavailableException e) {
            alerts.setItems(List.of());
            reviewStatus.setText(e.getMessage());
        }
        showPrecision(labelled);
        reviewable();
    }

    /**
     * The alerts to show: every open one; of the closed, those opened within the precision's 90 days (the ones a
     * label still counts for), not years of them.
     */
    private List<AlertView> listed(List<AlertView> alerts) {
        LocalDate since = LocalDate.now(clock.withZone(Formats.NEW_YORK)).minusDays(89);
        return alerts.stream()
                .filter(a -> "open".equals(a.status()) || !a.openedOn().isBefore(since))
                .toList();
    }

    private void showPrecision(Answer<LabelPrecisionView> labelled) {
        precision.removeAll();
        try {
            LabelPrecisionView p = labelled.get();
            precision.add(new Card(
                    "Labelled precision, last 90 days",
                    p.precision() == null ? "—" : Formats.percent(p.precision()),
                    p.labelled() == 0
                            ? "no alert of the " + p.opened() + " opened since " + p.from() + " is labelled yet"
                            : p.real() + " of " + p.labelled() + " labelled alerts real (" + p.opened()
                                    + " opened since " + p.from() + ")"));
            if (!p.byRule().isEmpty()) {
                Span byRule = new Span("By the rule that opened them: "
                        + String.join(
                                "; ",
                                p.byRule().stream()
                                        .map(rule -> openedBy(rule.openedBy()) + ", " + rule.real() + " of "
                                                + rule.labelled() + " labelled real (" + rule.opened() + " opened)")
                                        .toList()));
                byRule.setId("alert-precision-by-rule");
                precision.add(byRule);
            }
        } catch (ServiceUnavailableException e) {
            // the alerts' notice names the service already
        }
    }

    private static String label(@Nullable LabelView label) {
        if (label == null) {
            return "";
        }
        String verdict = "REAL".equals(label.verdict()) ? "real" : "false";
        return verdict + " (" + label.actor() + ", " + day(label.at()) + ")"
                + (label.note().isBlank() ? "" : ": " + label.note());
    }

    private static String day(java.time.Instant at) {
        return at.atZone(Formats.NEW_YORK).toLocalDate().toString();
    }

    private void load() {
        notices.removeAll();
        String type =
                complaintType.getValue() == null || complaintType.getValue().isBlank()
                        ? null
                        : complaintType.getValue().strip().toLowerCase(Locale.ROOT);
        AnomalyQuery query =
                new AnomalyQuery(from.getValue(), to.getValue(), type, borough.getValue(), minSeverity.getValue());
        // independent: all under way together
        boolean open = !"closed".equals(alertStatus.getValue());
        Answer<List<AlertView>> alertsAnswer = calls.start(() -> feed.alerts(open));
        Answer<LabelPrecisionView> labelled = calls.start(feed::precision);
        try {
            shown = new ArrayList<>(feed.anomalies(query));
            alerts.setItems(listed(alertsAnswer.get()));
        } catch (ServiceUnavailableException e) {
            notices.add(new ServiceNotice(e));
            shown = new ArrayList<>();
            alerts.setItems(List.of());
        }
        showPrecision(labelled);
        reviewable();
        shown.sort(Comparator.comparing(AnomalyView::date).reversed());
        grid.setItems(shown);
    }

    /**
     * When and why an alert closed, in people's words ("2026-06-10, back inside"); empty while open; a reason this
     * dashboard does not know yet as the service spells it.
     */
    static String closed(@Nullable LocalDate closedOn, @Nullable String reason) {
        if (closedOn == null) {
            return "";
        }
        String words = Arrays.stream(Alert.ClosedBecause.values())
                .filter(r -> r.tag().equals(reason))
                .findFirst()
                .map(Alert.ClosedBecause::words)
                .orElse(reason == null ? Alert.ClosedBecause.BACK_INSIDE.words() : reason);
        return closedOn + ", " + words;
    }

    /** The rule in people's words; a rule this dashboard does not know yet as the service spells it. */
    static String openedBy(String tag) {
        return Arrays.stream(Alert.OpenedBy.values())
                .filter(rule -> rule.tag().equals(tag))
                .findFirst()
                .map(Alert.OpenedBy::words)
                .orElse(tag);
    }
}
