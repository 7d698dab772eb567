package org.nyc311.forecastservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Reads gold daily series over JDBC, fits every series with forecast-engine, tracks models in MLflow, stores forecasts and serves them over REST; publishes ForecastsPublished. */
@SpringBootApplication
public class ForecastServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ForecastServiceApplication.class, args);
    }
}
