@NullMarked
package org.nyc311.testsupport.net;

import org.jspecify.annotations.NullMarked;
