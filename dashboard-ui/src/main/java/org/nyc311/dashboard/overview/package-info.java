/** The Overview view: what an analyst opens every morning. */
package org.nyc311.dashboard.overview;
