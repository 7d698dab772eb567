@NullMarked
package org.nyc311.model.request;

import org.jspecify.annotations.NullMarked;
