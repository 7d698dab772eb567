/** The REST API: {@code /api/v1/runs}. */
package org.nyc311.controller.web;
