/** The boundary rules every service's ArchitectureTest checks. */
@NullMarked
package org.nyc311.testsupport.architecture;

import org.jspecify.annotations.NullMarked;
