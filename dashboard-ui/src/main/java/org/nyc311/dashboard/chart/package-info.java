/** The forecast chart: a small Flow component wrapping Apache ECharts. */
@NullMarked
package org.nyc311.dashboard.chart;

import org.jspecify.annotations.NullMarked;
