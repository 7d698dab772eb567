@NullMarked
package org.nyc311.model.anomaly;

import org.jspecify.annotations.NullMarked;
