@NullMarked
package org.nyc311.launcher.token;

import org.jspecify.annotations.NullMarked;
