@NullMarked
package org.nyc311.testsupport.postgres;

import org.jspecify.annotations.NullMarked;
