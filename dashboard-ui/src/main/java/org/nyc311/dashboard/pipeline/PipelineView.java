package org.nyc311.dashboard.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.dataview.GridListDataView;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.pipeline.DataQualityAlertView;
import org.nyc311.api.pipeline.PipelineRunView;
import org.nyc311.dashboard.base.ui.Card;
import org.nyc311.dashboard.base.ui.Csv;
import org.nyc311.dashboard.base.ui.CsvDownload;
import org.nyc311.dashboard.base.ui.Formats;
import org.nyc311.dashboard.base.ui.ServiceNotice;
import org.nyc311.dashboard.chart.ForecastChart;
import org.nyc311.dashboard.services.ServiceUnavailableException;
import org.nyc311.dashboard.services.pipeline.PipelineRuns;
import org.nyc311.dashboard.services.pipeline.RunFigures;

/**
 * Pipeline health: the recent runs with their durations, outcomes, quarantine counts and the data's freshness, and
 * the feed's data-quality alerts (a day missing or far below its usual level, a quarantine surge), shown apart from
 * the series' anomalies so that an outage is not read as quiet streets.
 */
@Route("pipeline")
@PageTitle("Pipeline · NYC 311")
@Menu(title = "Pipeline", order = 3)
@PermitAll
public class PipelineView extends VerticalLayout {

    static final int RECENT = 100;
    static final int DATA_QUALITY_ALERTS = 50;
    private static final Duration RECENT_ALERTS = Duration.ofDays(7);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final Grid<PipelineRunView> grid = new Grid<>(PipelineRunView.class, false);
    private final TextField search = new TextField();
    private final ComboBox<String> state = new ComboBox<>("State");
    private final ForecastChart chart = new ForecastChart();
    private GridListDataView<PipelineRunView> rows;

    public PipelineView(PipelineRuns runs, Clock clock) {
        this.clock = clock;
        setSizeFull();
        add(new H2("Pipeline"));
        List<PipelineRunView> recent = List.of();
        boolean runsRead = false;
        try {
            recent = runs.recent(RECENT);
            runsRead = true;
        } catch (ServiceUnavailableException e) {
            add(new ServiceNotice(e));
        }
        List<DataQualityAlertView> alerts = null;
        try {
            alerts = runs.dataQualityAlerts(DATA_QUALITY_ALERTS);
        } catch (ServiceUnavailableException e) {
            // unread alerts must not look like none: say so, unless the runs' notice above already does
            if (runsRead) {
                add(new ServiceNotice(e));
            }
        }
        add(cards(recent, alerts));
        add(new H3("Data-quality alerts"), dataQualityGrid(alerts == null ? List.of() : alerts, alerts != null));
        chart.setHeight("220px");
        chart.show(recordsPerRun(recent));
        add(chart);

        search.setLabel("Run or ingestion run");
        search.setPlaceholder("id contains…");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.EAGER);
        search.addValueChangeListener(e -> applyFilter());
        search.setId("pipeline-search");
        state.setItems("RECEIVED", "RUNNING", "SUCCEEDED", "FAILED");
        state.setClearButtonVisible(true);
        state.addValueChangeListener(e -> applyFilter());
        state.setId("pipeline-state");
        HorizontalLayout filters =
                new HorizontalLayout(search, state, CsvDownload.link("pipeline-runs.csv", this::csv));
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(filters);

        configureGrid();
        rows = grid.setItems(new ListDataProvider<>(new ArrayList<>(recent)));
        add(grid);
        setFlexGrow(1, grid);
    }

    private void configureGrid() {
        grid.setId("pipeline-runs");
        Instant now = clock.instant();
        var created = grid.addColumn(r -> Formats.time(r.createdAt()))
                .setHeader("Created")
                .setComparator(Comparator.comparing(
                        PipelineRunView::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .setAutoWidth(true);
        grid.addColumn(r -> r.id().toString()).setHeader("Run").setAutoWidth(true);
        grid.addColumn(PipelineRunView::state)
                .setHeader("Outcome")
                .setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(r -> RunFigures.duration(r, now).map(Formats::duration).orElse(""))
                .setHeader("Duration")
                .setComparator(
                        Comparator.comparing(r -> RunFigures.duration(r, now).orElse(Duration.ZERO)))
                .setAutoWidth(true);
        grid.addColumn(PipelineRunView::attempts)
                .setHeader("Attempts")
                .setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(RunFigures::records)
                .setHeader("Records")
                .setComparator(Comparator.comparingLong(RunFigures::records))
                .setAutoWidth(true);
        grid.addColumn(r -> RunFigures.quarantined(r).map(String::valueOf).orElse(""))
                .setHeader("Quarantined")
                .setComparator(
                        Comparator.comparing(r -> RunFigures.quarantined(r).orElse(-1L)))
                .setAutoWidth(true);
        grid.addColumn(r -> RunFigures.newestData(r).map(Formats::time).orElse(""))
                .setHeader("Newest data")
                .setAutoWidth(true);
        grid.addColumn(r -> String.join(" ", r.ingestionRunIds()))
                .setHeader("Ingestion runs")
                .setAutoWidth(true);
        grid.addColumn(r -> r.error() == null ? "" : r.error())
                .setHeader("Error")
                .setFlexGrow(1);
        grid.sort(List.of(new GridSortOrder<>(created, SortDirection.DESCENDING)));
    }

    private void applyFilter() {
        String text = search.getValue() == null ? "" : search.getValue().strip().toLowerCase(Locale.ROOT);
        String wanted = state.getValue();
        rows.setFilter(run -> (wanted == null
                        || run.state() != null && wanted.equals(run.state().name()))
                && (text.isEmpty()
                        || run.id().toString().contains(text)
                        || run.ingestionRunIds().stream()
                                .anyMatch(id -> id.toLowerCase(Locale.ROOT).contains(text))));
    }

    private String csv() {
        Instant now = clock.instant();
        List<Csv.Column<PipelineRunView>> columns = List.of(
                new Csv.Column<>("run_id", PipelineRunView::id),
                new Csv.Column<>("state", PipelineRunView::state),
                new Csv.Column<>("created_at", PipelineRunView::createdAt),
                new Csv.Column<>("started_at", PipelineRunView::startedAt),
                new Csv.Column<>("finished_at", PipelineRunView::finishedAt),
                new Csv.Column<>(
                        "duration_s",
                        r -> RunFigures.duration(r, now)
                                .map(Duration::toSeconds)
                                .orElse(null)),
                new Csv.Column<>("attempts", PipelineRunView::attempts),
                new Csv.Column<>("records", RunFigures::records),
                new Csv.Column<>("quarantined", r -> RunFigures.quarantined(r).orElse(null)),
                new Csv.Column<>("ingestion_run_ids", r -> String.join(" ", r.ingestionRunIds())),
                new Csv.Column<>("error", PipelineRunView::error));
        // what the grid shows, in its order: its filters and its sorting applied
        return Csv.of(columns, rows.getItems().toList());
    }

    /** The feed's alerts, newest first; few, so a short grid above the runs. */
    private static Grid<DataQualityAlertView> dataQualityGrid(List<DataQualityAlertView> alerts, boolean read) {
        Grid<DataQualityAlertView> grid = new Grid<>(DataQualityAlertView.class, false);
        grid.setId("pipeline-data-quality");
        grid.addColumn(a -> Formats.time(a.raisedAt())).setHeader("Raised").setAutoWidth(true);
        grid.addColumn(DataQualityAlertView::kind).setHeader("Kind").setAutoWidth(true);
        grid.addColumn(a -> a.day() == null ? "" : a.day().toString())
                .setHeader("Day")
                .setAutoWidth(true);
        grid.addColumn(a -> figure(a, a.observed())).setHeader("Observed").setAutoWidth(true);
        grid.addColumn(a -> figure(a, a.expected())).setHeader("Usual").setAutoWidth(true);
        grid.addColumn(DataQualityAlertView::detail).setHeader("What happened").setFlexGrow(1);
        grid.setItems(alerts);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT); // the detail is the point: show it whole
        grid.setEmptyStateText(
                read
                        ? "No data-quality alerts: every judged day and run looked like the feed's usual."
                        : "The data-quality alerts could not be read.");
        return grid;
    }

    /** Requests for a day's alert, a share of the records for a quarantine surge. */
    static String figure(DataQualityAlertView alert, double value) {
        return alert.kind() == DataQualityAlertView.Kind.QUARANTINE_SURGE
                ? Formats.percent(value)
                : Formats.number(value, 0);
    }

    private FlexLayout cards(List<PipelineRunView> recent, @Nullable List<DataQualityAlertView> alerts) {
        Instant now = clock.instant();
        PipelineRunView last = recent.stream()
                .max(Comparator.comparing(PipelineRunView::createdAt))
                .orElse(null);
        PipelineRunView lastGood = recent.stream()
                .filter(r -> r.state() == PipelineRunView.State.SUCCEEDED)
                .max(Comparator.comparing(PipelineRunView::createdAt))
                .orElse(null);
        long failed = recent.stream()
                .filter(r -> r.state() == PipelineRunView.State.FAILED)
                .count();
        FlexLayout cards = new FlexLayout(
                new Card(
                        "Last run",
                        last == null ? "—" : last.state().name(),
                        last == null ? "no runs yet" : Formats.time(last.createdAt())),
                new Card(
                        "Data freshness",
                        lastGood == null || RunFigures.newestData(lastGood).isEmpty()
                                ? "—"
                                : Formats.age(Duration.between(
                                        RunFigures.newestData(lastGood).get(), now)),
                        lastGood == null ? "no successful run yet" : "newest request in gold"),
                new Card(
                        "Quarantined (last success)",
                        lastGood == null
                                ? "—"
                                : RunFigures.quarantined(lastGood)
                                        .map(String::valueOf)
                                        .orElse("—"),
                        "records held back by silver's checks"),
                new Card("Failed runs", String.valueOf(failed), "of the last " + recent.size()),
                new Card(
                        "Data-quality alerts",
                        alerts == null
                                ? "—"
                                : String.valueOf(alerts.stream()
                                        .filter(a -> a.raisedAt().isAfter(now.minus(RECENT_ALERTS)))
                                        .count()),
                        "raised in the last 7 days: the feed, not the streets"));
        cards.getStyle().set("gap", "var(--lumo-space-m)").set("flex-wrap", "wrap");
        return cards;
    }

    /** Records per run over time: a bar per run, at its creation. */
    static ObjectNode recordsPerRun(List<PipelineRunView> runs) {
        ObjectNode option = JSON.createObjectNode();
        option.putObject("title")
                .put("text", "Records per run")
                .put("left", "center")
                .putObject("textStyle")
                .put("fontSize", 14);
        option.putObject("tooltip").put("trigger", "axis");
        option.putObject("grid").put("left", 50).put("right", 20).put("top", 40).put("bottom", 30);
        option.putObject("xAxis").put("type", "time");
        option.putObject("yAxis").put("type", "value").put("min", 0);
        ObjectNode bars = option.putArray("series").addObject();
        bars.put("name", "records").put("type", "bar").put("barMaxWidth", 16).put("color", "#1f4e79");
        ArrayNode data = bars.putArray("data");
        runs.stream()
                .sorted(Comparator.comparing(PipelineRunView::createdAt))
                .forEach(r -> data.addArray().add(r.createdAt().toString()).add(RunFigures.records(r)));
        return option;
    }
}
