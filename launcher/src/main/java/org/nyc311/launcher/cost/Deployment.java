package org.nyc311.launcher.cost;

import java.util.Locale;

/** The environments the template's {@code Environment} parameter and the bundle's targets know. */
public enum Deployment {
    PROD,
    DEV;

    /** As the template and the bundle spell it: {@code prod}, {@code dev}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
