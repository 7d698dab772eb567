/** What every view shares: the layout, the notice for a service that does not answer, cards and CSV export. */
package org.nyc311.dashboard.base.ui;
