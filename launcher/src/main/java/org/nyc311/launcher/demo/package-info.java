@NullMarked
package org.nyc311.launcher.demo;

import org.jspecify.annotations.NullMarked;
