/** The medallion as programs: argument parsing, the lake layout, running stages on a session, the local batch. */
@NullMarked
package org.nyc311.delta;

import org.jspecify.annotations.NullMarked;
