@NullMarked
package org.nyc311.model.series;

import org.jspecify.annotations.NullMarked;
