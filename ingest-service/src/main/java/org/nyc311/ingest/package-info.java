@NullMarked
package org.nyc311.ingest;

import org.jspecify.annotations.NullMarked;
