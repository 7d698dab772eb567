package org.nyc311.controller.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ControllerConfiguration {

    /** UTC: no JVM default zone decides anything here. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
