/** The services' one clock. */
@NullMarked
package org.nyc311.service.clock;

import org.jspecify.annotations.NullMarked;
