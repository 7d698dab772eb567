package org.nyc311.forecastservice.fit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.Forecast;
import org.nyc311.forecast.ForecastSettings;
import org.nyc311.forecast.SeriesForecaster;
import org.nyc311.forecast.model.prophet.ProphetModel;
import org.nyc311.forecastservice.config.ForecastProperties;
import org.nyc311.forecastservice.gold.SeriesHistory;
import org.nyc311.forecastservice.metrics.ForecastMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Fits series with forecast-engine in a bounded pool of {@code nyc311.forecast.threads} threads: a
 * training of thousands of series never takes more cores than that, and a failing or slow series
 * counts as failed without stopping the others.
 */
@Component
public class SeriesFitter implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(SeriesFitter.class);

    /** The hyperparameter naming the series whose shape a fit borrowed ({@link ParentShapes}). */
    public static final String PARENT_SERIES = "parent_series";

    private final ForecastProperties properties;
    private final ForecastMetrics metrics;
    private final ExecutorService pool;

    public SeriesFitter(ForecastProperties properties, ForecastMetrics metrics) {
        this.properties = properties;
        this.metrics = metrics;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(properties.threads(), r -> {
            Thread thread = new Thread(r, "series-fit-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public ForecastSettings settings(int horizon) {
        return ForecastSettings.of(horizon)
                .withLevel(properties.level())
                .withTrials(properties.trials())
                .withFolds(properties.folds())
                .withCalibrationHalfLife(properties.calibrationHalfLifeDays());
    }

    /**
     * Fits every series; returns when all are fitted or failed. A series under a year old borrows its parent's yearly
     * pattern and holiday effects from among {@code series} ({@link ParentShapes}) unless
     * {@code nyc311.forecast.borrow-from-parents} is off.
     */
    public FitOutcome fitAll(List<SeriesHistory> series, int horizon) {
        SeriesForecaster forecaster = new SeriesForecaster(settings(horizon));
        ParentShapes parents = ParentShapes.among(series);
        List<Future<SeriesFit>> futures = new ArrayList<>(series.size());
        for (SeriesHistory history : series) {
            Optional<ParentShapes.Lent> lent = borrowed(parents, history);
            futures.add(pool.submit(() -> fit(forecaster, history, lent)));
        }
        List<SeriesFit> fitted = new ArrayList<>();
        List<FitOutcome.Failure> failed = new ArrayList<>();
        long timeoutMillis = properties.seriesTimeout().toMillis();
        for (int i = 0; i < futures.size(); i++) {
            String id = series.get(i).key().id();
            long started = System.nanoTime();
            try {
                SeriesFit fit = futures.get(i).get(timeoutMillis, TimeUnit.MILLISECONDS);
                fitted.add(fit);
                metrics.seriesFitted(
                        fit.took(),
                        fit.crossValidation().wape(),
                        fit.crossValidation().mase());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                LOG.warn("series {} could not be fitted: {}", id, cause.toString());
                failed.add(new FitOutcome.Failure(id, cause.toString()));
                metrics.seriesFailed(Duration.ofNanos(System.nanoTime() - started));
            } catch (TimeoutException e) {
                futures.get(i).cancel(true);
                failed.add(new FitOutcome.Failure(id, "not fitted within " + properties.seriesTimeout()));
                metrics.seriesFailed(properties.seriesTimeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(future -> future.cancel(true));
                throw new IllegalStateException("interrupted while fitting", e);
            }
        }
        return new FitOutcome(fitted, failed);
    }

    /**
     * Forecasts a series that is not one of gold's (a parent's remainder, for the reconciliation) in the training's
     * pool, within {@code nyc311.forecast.series-timeout} like any series.
     *
     * @throws IllegalStateException when it fails or takes longer
     */
    public Forecast forecastInPool(DailySeries history, int horizon) {
        SeriesForecaster forecaster = new SeriesForecaster(settings(horizon));
        Future<Forecast> future = pool.submit(() -> forecaster.forecast(history));
        try {
            return future.get(properties.seriesTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not be forecast: " + e.getCause(), e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IllegalStateException("not forecast within " + properties.seriesTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new IllegalStateException("interrupted while forecasting", e);
        }
    }

    /** Fits one series now, on the caller's thread, without a parent (on-demand forecasts). */
    public SeriesFit fitNow(SeriesHistory history, int horizon) {
        return fit(new SeriesForecaster(settings(horizon)), history, Optional.empty());
    }

    private Optional<ParentShapes.Lent> borrowed(ParentShapes parents, SeriesHistory history) {
        if (!properties.borrowFromParents()) {
            return Optional.empty();
        }
        return parents.forSeries(history);
    }

    private static SeriesFit fit(SeriesForecaster forecaster, SeriesHistory history, Optional<ParentShapes.Lent> lent) {
        long started = System.nanoTime();
        Forecast forecast = forecaster.forecast(
                new DailySeries(history.firstDate(), history.counts()),
                lent.map(ParentShapes.Lent::parent).orElse(null));
        Map<String, String> hyperparameters = forecast.hyperparameters();
        if (lent.isPresent() && ProphetModel.borrowed(hyperparameters).isPresent()) {
            hyperparameters = new TreeMap<>(hyperparameters);
            hyperparameters.put(PARENT_SERIES, lent.get().key().id());
        }
        return new SeriesFit(
                history.key(),
                forecast.model(),
                hyperparameters,
                forecast.crossValidation(),
                history.firstDate(),
                history.lastDate(),
                forecast.points(),
                Duration.ofNanos(System.nanoTime() - started),
                forecast.calibrationErrors());
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
