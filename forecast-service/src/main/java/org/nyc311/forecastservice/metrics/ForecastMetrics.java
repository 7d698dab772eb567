package org.nyc311.forecastservice.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * What operators watch: how long a series takes to fit, how many fit or fail, and how good the
 * fits are by cross-validation. Names become Prometheus names with dots as underscores.
 */
@Component
public class ForecastMetrics {

    private final MeterRegistry registry;
    private final Timer fitTime;
    private final Counter fitted;
    private final Counter failed;
    private final DistributionSummary cvWape;
    private final DistributionSummary cvMase;
    private final AtomicReference<Double> pooledWape = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> gapBefore = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> gapAfter = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> shrinkage = new AtomicReference<>(Double.NaN);

    public ForecastMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.fitTime = Timer.builder("nyc311.forecast.fit.time")
                .description("time to choose, calibrate and fit the model of one series")
                .publishPercentiles(0.5, 0.95)
                .register(registry);
        this.fitted = Counter.builder("nyc311.forecast.series.fitted")
                .description("series fitted")
                .register(registry);
        this.failed = Counter.builder("nyc311.forecast.series.failed")
                .description("series whose fit failed")
                .register(registry);
        this.cvWape = DistributionSummary.builder("nyc311.forecast.cv.wape")
                .description("cross-validated WAPE of each fitted series, in percent")
                .register(registry);
        this.cvMase = DistributionSummary.builder("nyc311.forecast.cv.mase")
                .description("cross-validated MASE of each fitted series")
                .register(registry);
        Gauge.builder("nyc311.forecast.cv.pooled.wape", pooledWape, AtomicReference::get)
                .description("pooled cross-validated WAPE of the newest training, in percent")
                .register(registry);
        Gauge.builder("nyc311.forecast.reconciliation.gap.before", gapBefore, AtomicReference::get)
                .description("newest training: the largest gap between a total (the city, a borough) and the sum of "
                        + "its parts' forecasts before reconciling, as a share of the total")
                .register(registry);
        Gauge.builder("nyc311.forecast.reconciliation.gap.after", gapAfter, AtomicReference::get)
                .description("newest training: the same gap after reconciling, the parents' remainders (not stored)"
                        + " counted among the parts (0 but for parts held at zero)")
                .register(registry);
        Gauge.builder("nyc311.forecast.reconciliation.shrinkage", shrinkage, AtomicReference::get)
                .description(
                        "newest training: how far MinT shrank the error correlations towards none (1: all the way)")
                .register(registry);
    }

    public void reconciled(double largestGapBefore, double largestGapAfter, double correlationShrinkage) {
        gapBefore.set(largestGapBefore);
        gapAfter.set(largestGapAfter);
        shrinkage.set(correlationShrinkage);
    }

    /** The newest training was not reconciled (off, nothing to reconcile, or failed): its gauges say NaN. */
    public void notReconciled() {
        gapBefore.set(Double.NaN);
        gapAfter.set(Double.NaN);
        shrinkage.set(Double.NaN);
    }

    public void reconciliationFailed() {
        registry.counter("nyc311.forecast.reconciliation.failures").increment();
    }

    public void seriesFitted(Duration took, double wape, double mase) {
        fitTime.record(took);
        fitted.increment();
        if (Double.isFinite(wape)) {
            cvWape.record(wape);
        }
        if (Double.isFinite(mase)) {
            cvMase.record(mase);
        }
    }

    public void seriesFailed(Duration took) {
        fitTime.record(took);
        failed.increment();
    }

    public void trainingFinished(String outcome, double pooled) {
        registry.counter("nyc311.forecast.trainings", "outcome", outcome).increment();
        if (Double.isFinite(pooled)) {
            pooledWape.set(pooled);
        }
    }

    public void trackingAttempt(boolean succeeded) {
        registry.counter("nyc311.forecast.tracking.attempts", "outcome", succeeded ? "tracked" : "failed")
                .increment();
    }
}
