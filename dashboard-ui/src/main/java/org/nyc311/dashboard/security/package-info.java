/** Who may see the dashboard: the local form login with the {@code local} profile, OIDC with every other. */
@NullMarked
package org.nyc311.dashboard.security;

import org.jspecify.annotations.NullMarked;
