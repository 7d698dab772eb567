@NullMarked
package org.nyc311.launcher.pipeline;

import org.jspecify.annotations.NullMarked;
