@NullMarked
package org.nyc311.model.forecast;

import org.jspecify.annotations.NullMarked;
