/** The Models view: cross-validation error and interval coverage per series and per training. */
package org.nyc311.dashboard.models;
