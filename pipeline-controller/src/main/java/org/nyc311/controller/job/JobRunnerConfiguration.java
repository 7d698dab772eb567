package org.nyc311.controller.job;

import org.nyc311.controller.config.ControllerProperties;
import org.nyc311.controller.job.databricks.DatabricksJobRunner;
import org.nyc311.controller.job.local.LocalJobRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class JobRunnerConfiguration {

    /** The one runner of this controller, chosen by {@code nyc311.controller.runner}. */
    @Bean
    JobRunner jobRunner(ControllerProperties properties) {
        return switch (properties.runner()) {
            case LOCAL -> new LocalJobRunner(properties.local());
            case DATABRICKS -> DatabricksJobRunner.connect(properties.databricks());
        };
    }
}
