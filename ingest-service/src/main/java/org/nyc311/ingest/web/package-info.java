/** The REST API: start a run, read its status; errors as problem details. */
@NullMarked
package org.nyc311.ingest.web;

import org.jspecify.annotations.NullMarked;
