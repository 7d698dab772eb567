/**
 * Tokens off AWS: {@link org.nyc311.testsupport.tokens.TokenIssuer}, the stand-in for the Cognito user pool that
 * {@code ./nyc311 up} and the tests run, and what a test needs to call a service with a token.
 */
@NullMarked
package org.nyc311.testsupport.tokens;

import org.jspecify.annotations.NullMarked;
