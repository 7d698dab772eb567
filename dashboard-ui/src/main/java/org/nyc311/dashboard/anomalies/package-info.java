/** The Anomalies view: anomalous days with filters, sorting and CSV export; open alerts. */
@NullMarked
package org.nyc311.dashboard.anomalies;

import org.jspecify.annotations.NullMarked;
