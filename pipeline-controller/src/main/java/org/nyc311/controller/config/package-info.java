/** The controller's typed settings ({@code nyc311.controller.*}, {@code nyc311.lake.*}). */
@NullMarked
package org.nyc311.controller.config;

import org.jspecify.annotations.NullMarked;
