@NullMarked
package org.nyc311.anomaly;

import org.jspecify.annotations.NullMarked;
