@NullMarked
package org.nyc311.testsupport.sqs;

import org.jspecify.annotations.NullMarked;
