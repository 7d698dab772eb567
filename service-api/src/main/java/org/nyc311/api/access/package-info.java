/** How one service calls another with a token of its own: the app client's settings and the interceptor. */
@NullMarked
package org.nyc311.api.access;

import org.jspecify.annotations.NullMarked;
