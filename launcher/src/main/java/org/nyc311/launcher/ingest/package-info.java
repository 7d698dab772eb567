@NullMarked
package org.nyc311.launcher.ingest;

import org.jspecify.annotations.NullMarked;
