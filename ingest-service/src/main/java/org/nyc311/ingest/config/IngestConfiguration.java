package org.nyc311.ingest.config;

import org.nyc311.model.event.EventJson;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's settings; its clock comes from service-support. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IngestProperties.class, LakeProperties.class})
public class IngestConfiguration {

    /** service-support's messaging configuration, which gives the consumers theirs, is excluded here (application.yml). */
    @Bean
    EventJson eventJson() {
        return new EventJson();
    }
}
