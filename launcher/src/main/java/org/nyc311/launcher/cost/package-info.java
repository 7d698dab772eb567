@NullMarked
package org.nyc311.launcher.cost;

import org.jspecify.annotations.NullMarked;
