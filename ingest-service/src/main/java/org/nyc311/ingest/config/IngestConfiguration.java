package org.nyc311.ingest.config;

import java.time.Clock;
import org.nyc311.model.event.EventJson;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IngestProperties.class, LakeProperties.class})
public class IngestConfiguration {

    /** UTC: instants are stored in UTC and the New York date is derived explicitly, never from the JVM zone. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventJson eventJson() {
        return new EventJson();
    }
}
