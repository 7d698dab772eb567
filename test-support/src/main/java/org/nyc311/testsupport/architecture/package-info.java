/** ArchUnit rules every service module holds itself to. */
@NullMarked
package org.nyc311.testsupport.architecture;

import org.jspecify.annotations.NullMarked;
