/** Who may see the dashboard: a local user by default, OIDC in production. */
package org.nyc311.dashboard.security;
