package org.nyc311.dashboard.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import org.nyc311.api.pipeline.DataQualityAlertView;

/**
 * A warning where the numbers are read that the feed, not the streets, went wrong lately: the newest data-quality
 * alert in words, how many more, and the way to the Pipeline view that lists them.
 */
public class DataQualityNotice extends Div {

    /** @param alerts the recent alerts, newest first; at least one */
    public DataQualityNotice(List<DataQualityAlertView> alerts) {
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("a data-quality notice needs an alert");
        }
        DataQualityAlertView newest = alerts.get(0);
        addClassName("data-quality-notice");
        getElement().setAttribute("role", "alert");
        add(new Span("Data-quality alert (" + newest.kind() + "): " + newest.detail()
                + (alerts.size() > 1 ? " And " + (alerts.size() - 1) + " more this week. " : " ")));
        add(new Anchor("pipeline", "See the Pipeline view."));
        getStyle()
                .set("background", "var(--lumo-warning-color-10pct, #fff4d6)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("margin", "var(--lumo-space-xs) 0");
    }
}
