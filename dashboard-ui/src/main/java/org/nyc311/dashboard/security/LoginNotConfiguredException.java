package org.nyc311.dashboard.security;

import java.util.List;
import java.util.stream.Collectors;

/** The dashboard was started outside the {@code local} profile without its OIDC login: see {@link OidcLoginRequired}. */
final class LoginNotConfiguredException extends IllegalStateException {

    private final List<OidcLoginRequired.Setting> missing;

    LoginNotConfiguredException(List<OidcLoginRequired.Setting> missing) {
        super("The dashboard has no login configured. Outside the local profile people log in through OIDC, and "
                + "these settings are missing: "
                + missing.stream()
                        .map(setting -> setting.name() + " (" + setting.variable() + ")")
                        .collect(Collectors.joining(", "))
                + ".");
        this.missing = List.copyOf(missing);
    }

    List<OidcLoginRequired.Setting> missing() {
        return missing;
    }
}
