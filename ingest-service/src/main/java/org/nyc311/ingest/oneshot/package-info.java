/** The CLI's mode: one run at start-up, progress lines on stdout, exit with its outcome. */
@NullMarked
package org.nyc311.ingest.oneshot;

import org.jspecify.annotations.NullMarked;
