/**
 * The {@code detect} command for the project launcher and for standalone use, and its output format.
 */
@NullMarked
package org.nyc311.anomaly.engine.cli;

import org.jspecify.annotations.NullMarked;
