@NullMarked
package org.nyc311.forecastservice;

import org.jspecify.annotations.NullMarked;
