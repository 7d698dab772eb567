package org.nyc311.service.clock;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Every service's {@link Clock}: UTC, because instants are stored in UTC and a New York date is always derived
 * explicitly, never from the JVM's zone. Components take it by injection, so a test can pin time with a bean of its
 * own, which this one then backs away from.
 */
@AutoConfiguration
public class ServiceClockAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
