/** Who may see the dashboard: the local form login with the {@code local} profile, OIDC with every other. */
package org.nyc311.dashboard.security;
