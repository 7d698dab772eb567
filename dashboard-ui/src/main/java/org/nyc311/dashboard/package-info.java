@NullMarked
package org.nyc311.dashboard;

import org.jspecify.annotations.NullMarked;
