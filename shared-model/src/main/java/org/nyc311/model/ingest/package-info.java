@NullMarked
package org.nyc311.model.ingest;

import org.jspecify.annotations.NullMarked;
