/**
 * What more than one service's contract states the same way in its OpenAPI document: the values a series
 * id's segments and a date parameter accept.
 */
@NullMarked
package org.nyc311.api.common;

import org.jspecify.annotations.NullMarked;
