@NullMarked
package org.nyc311.testsupport.schemathesis;

import org.jspecify.annotations.NullMarked;
