/**
 * Sample rows the tests on both sides of a service's API share (the server's contract test and a client's test), so
 * that the two sides are checked against the same values.
 */
@NullMarked
package org.nyc311.testsupport.samples;

import org.jspecify.annotations.NullMarked;
