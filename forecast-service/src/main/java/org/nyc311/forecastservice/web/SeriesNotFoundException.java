package org.nyc311.forecastservice.web;

import org.nyc311.service.web.NotFoundException;

/** The series is in neither gold's catalog nor the stored forecasts: 404. */
class SeriesNotFoundException extends NotFoundException {
    SeriesNotFoundException(String message) {
        super("Unknown series", message);
    }
}
