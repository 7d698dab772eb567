/** Who may call what: the OAuth2 scopes every service's API checks and every caller asks for. */
@NullMarked
package org.nyc311.model.access;

import org.jspecify.annotations.NullMarked;
