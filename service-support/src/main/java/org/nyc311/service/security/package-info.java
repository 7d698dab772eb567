/**
 * Who may call a service's API: bearer tokens checked against the platform's token issuer, scopes per request
 * ({@link org.nyc311.model.access.ApiScope}), and refusals as problem details.
 */
@NullMarked
package org.nyc311.service.security;

import org.jspecify.annotations.NullMarked;
