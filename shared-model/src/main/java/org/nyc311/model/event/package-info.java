@NullMarked
package org.nyc311.model.event;

import org.jspecify.annotations.NullMarked;
