/**
 * Holiday effects learnt from a series' own history, and the adjustment that gives models without
 * holiday terms (the baselines) the holiday dips and peaks they would otherwise miss.
 */
@NullMarked
package org.nyc311.forecast.model.holiday;

import org.jspecify.annotations.NullMarked;
