/** Typed settings of the dashboard. */
package org.nyc311.dashboard.config;
