@NullMarked
package org.nyc311.testsupport.spring;

import org.jspecify.annotations.NullMarked;
