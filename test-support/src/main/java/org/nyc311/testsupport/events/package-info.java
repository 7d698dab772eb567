/** The events tests send in place of a service: RawBatchLanded as ingest-service sends it. */
@NullMarked
package org.nyc311.testsupport.events;

import org.jspecify.annotations.NullMarked;
