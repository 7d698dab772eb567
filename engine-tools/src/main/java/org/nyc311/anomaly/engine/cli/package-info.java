/**
 * The {@code detect} command for the project launcher and for standalone use, and its output format.
 */
package org.nyc311.anomaly.engine.cli;
