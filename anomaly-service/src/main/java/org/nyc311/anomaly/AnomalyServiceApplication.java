package org.nyc311.anomaly;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Compares actuals with the intervals forecast before each day, scores residuals, opens one alert per episode (three anomalous days in a row, or a rise inside wide intervals that adds up), and publishes AnomalyAlert. */
@SpringBootApplication
public class AnomalyServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AnomalyServiceApplication.class, args);
    }
}
