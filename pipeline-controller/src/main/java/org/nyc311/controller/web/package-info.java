/** The REST API: {@code /api/v1/runs} and {@code /api/v1/data-quality-alerts}. */
@NullMarked
package org.nyc311.controller.web;

import org.jspecify.annotations.NullMarked;
