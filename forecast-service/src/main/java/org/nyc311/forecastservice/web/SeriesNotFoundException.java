package org.nyc311.forecastservice.web;

/** The series is in neither gold's catalog nor the stored forecasts: 404. */
class SeriesNotFoundException extends RuntimeException {
    SeriesNotFoundException(String message) {
        super(message);
    }
}
