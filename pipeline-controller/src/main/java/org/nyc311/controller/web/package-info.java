/** The REST API: {@code /api/v1/runs}. */
@NullMarked
package org.nyc311.controller.web;

import org.jspecify.annotations.NullMarked;
