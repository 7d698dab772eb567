@NullMarked
package org.nyc311.testsupport.junit;

import org.jspecify.annotations.NullMarked;
