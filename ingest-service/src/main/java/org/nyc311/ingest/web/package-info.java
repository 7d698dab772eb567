/** The REST API: start a run, read its status; errors as problem details. */
package org.nyc311.ingest.web;
