package org.nyc311.controller;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Consumes RawBatchLanded and runs the delta-jobs stages (on Databricks, or in a local Spark child JVM), exactly once in effect, then publishes GoldRefreshed. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PipelineControllerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PipelineControllerApplication.class, args);
    }
}
