/** Making a training's forecasts add up across gold's levels: the boroughs to the city, the types to their borough. */
@NullMarked
package org.nyc311.forecastservice.reconcile;

import org.jspecify.annotations.NullMarked;
