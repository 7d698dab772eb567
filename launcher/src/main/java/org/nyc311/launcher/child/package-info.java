@NullMarked
package org.nyc311.launcher.child;

import org.jspecify.annotations.NullMarked;
