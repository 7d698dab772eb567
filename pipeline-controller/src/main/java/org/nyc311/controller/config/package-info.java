/** The controller's typed settings ({@code nyc311.controller.*}, {@code nyc311.lake.*}). */
package org.nyc311.controller.config;
