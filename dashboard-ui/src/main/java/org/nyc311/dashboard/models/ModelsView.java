package org.nyc311.dashboard.models;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.nyc311.api.forecast.CrossValidation;
import org.nyc311.api.forecast.ModelView;
import org.nyc311.api.forecast.RunView;
import org.nyc311.api.forecast.SeriesView;
import org.nyc311.dashboard.base.ui.Formats;
import org.nyc311.dashboard.base.ui.ServiceNotice;
import org.nyc311.dashboard.services.ServiceCalls;
import org.nyc311.dashboard.services.ServiceCalls.Answer;
import org.nyc311.dashboard.services.ServiceUnavailableException;
import org.nyc311.dashboard.services.forecast.Forecasts;

/**
 * Model quality: cross-validation error and interval coverage per series, and pooled per training. forecast-service
 * serves models one series at a time, so this view asks for the largest series only ({@link #SERIES_SHOWN}), in
 * parallel.
 */
@Route("models")
@PageTitle("Models · NYC 311")
@Menu(title = "Models", order = 4)
@PermitAll
public class ModelsView extends VerticalLayout {

    static final int SERIES_SHOWN = 40;

    public ModelsView(Forecasts forecasts, ServiceCalls calls) {
        setSizeFull();
        add(new H2("Models"));
        Div notices = new Div();
        add(notices);

        Grid<ModelView> perSeries = new Grid<>(ModelView.class, false);
        perSeries.setId("models");
        perSeries
                .addColumn(ModelView::seriesId)
                .setHeader("Series")
                .setSortable(true)
                .setAutoWidth(true);
        perSeries
                .addColumn(ModelView::model)
                .setHeader("Model")
                .setSortable(true)
                .setAutoWidth(true);
        perSeries
                .addColumn(m -> Formats.number(cv(m).mase(), 2))
                .setHeader("MASE")
                .setComparator(
                        Comparator.comparing(m -> cv(m).mase(), Comparator.nullsLast(Comparator.naturalOrder())));
        perSeries
                .addColumn(m -> Formats.percentPoints(cv(m).wape()))
                .setHeader("WAPE")
                .setComparator(
                        Comparator.comparing(m -> cv(m).wape(), Comparator.nullsLast(Comparator.naturalOrder())));
        perSeries
                .addColumn(m -> Formats.percent(cv(m).coverage()))
                .setHeader("95% coverage")
                .setComparator(
                        Comparator.comparing(m -> cv(m).coverage(), Comparator.nullsLast(Comparator.naturalOrder())));
        perSeries.addColumn(m -> cv(m).points()).setHeader("CV days").setSortable(true);
        perSeries
                .addColumn(m -> m.historyEnd() == null ? "" : m.historyEnd().toString())
                .setHeader("History to");

        Grid<RunView> trainings = new Grid<>(RunView.class, false);
        trainings.setId("trainings");
        trainings
                .addColumn(t -> String.valueOf(t.forecastRunId()))
                .setHeader("Training")
                .setAutoWidth(true);
        trainings.addColumn(RunView::status).setHeader("Status").setSortable(true);
        trainings.addColumn(RunView::lastActualDate).setHeader("Data to").setSortable(true);
        trainings.addColumn(RunView::seriesForecast).setHeader("Series").setSortable(true);
        trainings.addColumn(RunView::seriesFailed).setHeader("Failed").setSortable(true);
        trainings
                .addColumn(t -> t.pooled() == null
                        ? "—"
                        : Formats.percentPoints(t.pooled().wape()))
                .setHeader("Pooled WAPE");
        trainings
                .addColumn(t ->
                        t.pooled() == null ? "—" : Formats.percent(t.pooled().coverage()))
                .setHeader("Pooled coverage");
        trainings
                .addColumn(t -> Boolean.TRUE.equals(t.champion()) ? "champion" : "")
                .setHeader("Champion");
        trainings.setAllRowsVisible(true);

        // the trainings beside the catalog; then the largest series' models, all under way together
        Answer<List<RunView>> trainingsAnswer = calls.start(forecasts::trainings);
        try {
            List<SeriesView> largest = forecasts.catalog().stream()
                    .filter(SeriesView::forecastable)
                    .sorted(Comparator.comparingDouble(SeriesView::meanCount).reversed())
                    .limit(SERIES_SHOWN)
                    .toList();
            List<Answer<Optional<ModelView>>> modelAnswers = largest.stream()
                    .map(series -> calls.start(() -> forecasts.model(series.seriesId())))
                    .toList();
            List<ModelView> models = new ArrayList<>();
            for (Answer<Optional<ModelView>> model : modelAnswers) {
                model.get().ifPresent(models::add);
            }
            perSeries.setItems(models);
            trainings.setItems(trainingsAnswer.get());
        } catch (ServiceUnavailableException e) {
            notices.add(new ServiceNotice(e));
        }
        add(
                new Paragraph(
                        "Rolling-origin cross-validation on each series' own history. MASE below 1 beats the seasonal "
                                + "naive forecast; coverage is the share of held-out days inside the 95% interval (calibrated near 95%)."));
        add(new H3("Largest series"), perSeries, new H3("Trainings"), trainings);
        setFlexGrow(1, perSeries);
    }

    private static CrossValidation cv(ModelView m) {
        return Optional.ofNullable(m.crossValidation()).orElse(new CrossValidation(null, null, null, null, 0));
    }
}
