package org.nyc311.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Pulls NYC 311 records from the Socrata SODA API (or a file) and lands them as raw gzip NDJSON batches in S3, then announces each batch with RawBatchLanded. */
@SpringBootApplication
public class IngestApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(IngestApplication.class, args);
        // one-shot mode (the CLI): the run happened during start-up; leave with its outcome
        if (context.getEnvironment().containsProperty("nyc311.ingest.one-shot.source")) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
