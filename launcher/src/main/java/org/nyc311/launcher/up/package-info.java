@NullMarked
package org.nyc311.launcher.up;

import org.jspecify.annotations.NullMarked;
