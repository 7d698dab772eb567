@NullMarked
package org.nyc311.launcher.doctor;

import org.jspecify.annotations.NullMarked;
