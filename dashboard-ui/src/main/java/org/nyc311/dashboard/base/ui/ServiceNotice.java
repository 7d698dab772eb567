package org.nyc311.dashboard.base.ui;

import com.vaadin.flow.component.html.Div;
import org.jspecify.annotations.Nullable;
import org.nyc311.dashboard.services.ServiceUnavailableException;

/** A plain notice that a service did not answer, naming it: what a view shows instead of its data, never a stack trace. */
public class ServiceNotice extends Div {

    public ServiceNotice(ServiceUnavailableException problem) {
        this(problem.getMessage());
    }

    public ServiceNotice(@Nullable String message) {
        setText(message);
        addClassName("service-notice");
        getElement().setAttribute("role", "status");
        getStyle()
                .set("background", "var(--lumo-error-color-10pct)")
                .set("color", "var(--lumo-error-text-color)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("margin", "var(--lumo-space-xs) 0");
    }
}
