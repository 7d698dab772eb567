/**
 * {@code ./nyc311 wake}: a dev environment asleep outside its hours (the template's {@code DevHours}) woken on demand
 * for a few hours, and the way into its dashboard and API printed.
 */
@NullMarked
package org.nyc311.launcher.wake;

import org.jspecify.annotations.NullMarked;
