/** The forecast chart: a small Flow component wrapping Apache ECharts. */
package org.nyc311.dashboard.chart;
