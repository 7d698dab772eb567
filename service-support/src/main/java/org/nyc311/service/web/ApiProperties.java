package org.nyc311.service.web;

import java.time.Duration;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How every service's API answers errors and which dates it accepts, under {@code nyc311.api}. Defaults
 * are set in the compact constructors, as in every settings record of the platform.
 *
 * @param retryAfter the Retry-After of a 503 when a store this service needs is unreachable, or when it
 *     is too busy to take more work (whole seconds, at least one)
 * @param dates the range of dates a request may name
 */
@ConfigurationProperties("nyc311.api")
public record ApiProperties(Duration retryAfter, Dates dates) {

    public ApiProperties(@Nullable Duration retryAfter, @Nullable Dates dates) {
        this.retryAfter = retryAfter == null ? Duration.ofSeconds(30) : retryAfter;
        this.dates = dates == null ? new Dates(null, null) : dates;
        if (this.retryAfter.isNegative() || this.retryAfter.isZero()) {
            throw new IllegalArgumentException("nyc311.api.retry-after must be positive, was " + this.retryAfter);
        }
    }

    /**
     * @param earliest the first day a request may name: the 311 feed starts in 2010
     * @param yearsAhead how far after today (New York) a request may reach; forecasts reach weeks ahead,
     *     so anything further is a typo or a probe, and far enough is an arithmetic overflow
     */
    public record Dates(LocalDate earliest, Integer yearsAhead) {

        public Dates(@Nullable LocalDate earliest, @Nullable Integer yearsAhead) {
            this.earliest = earliest == null ? LocalDate.of(2010, 1, 1) : earliest;
            this.yearsAhead = yearsAhead == null ? 5 : yearsAhead;
            if (this.yearsAhead < 0) {
                throw new IllegalArgumentException("nyc311.api.dates.years-ahead must be >= 0, was " + this.yearsAhead);
            }
        }
    }
}
