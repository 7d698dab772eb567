/** Gold over JDBC: the series catalog and daily series, read through a pool of its own, parameterised SQL only. */
@NullMarked
package org.nyc311.forecastservice.gold;

import org.jspecify.annotations.NullMarked;
