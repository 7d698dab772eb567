/**
 * Who may call a service's API: bearer tokens checked against the platform's token issuer, scopes per request
 * ({@link org.nyc311.model.access.ApiScope}), and refusals as problem details.
 */
package org.nyc311.service.security;
