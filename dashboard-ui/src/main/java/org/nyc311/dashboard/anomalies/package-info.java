/** The Anomalies view: anomalous days with filters, sorting and CSV export; open alerts. */
package org.nyc311.dashboard.anomalies;
