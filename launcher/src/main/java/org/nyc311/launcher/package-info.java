@NullMarked
package org.nyc311.launcher;

import org.jspecify.annotations.NullMarked;
