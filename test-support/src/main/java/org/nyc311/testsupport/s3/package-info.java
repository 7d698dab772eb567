@NullMarked
package org.nyc311.testsupport.s3;

import org.jspecify.annotations.NullMarked;
