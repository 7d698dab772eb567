/**
 * The detection benchmark: labelled spikes injected into the real series, recall of the injected
 * episodes, and false flags and alerts on the untouched days.
 */
@NullMarked
package org.nyc311.anomaly.engine.bench;

import org.jspecify.annotations.NullMarked;
