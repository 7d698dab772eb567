/** What every view shares: the layout, the notice for a service that does not answer, cards and CSV export. */
@NullMarked
package org.nyc311.dashboard.base.ui;

import org.jspecify.annotations.NullMarked;
