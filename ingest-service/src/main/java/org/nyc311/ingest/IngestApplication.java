package org.nyc311.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Pulls NYC 311 records from the Socrata SODA API (or a file) and lands them as raw gzip NDJSON batches in S3, then announces each batch with RawBatchLanded. */
@SpringBootApplication
public class IngestApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestApplication.class, args);
    }
}
