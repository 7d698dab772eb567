package org.nyc311.dashboard.base.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** One figure with its label and a line of context, as the Overview's cards show them. */
public class Card extends Div {

    public Card(String label, String figure, String context) {
        addClassName("card");
        Span l = new Span(label);
        l.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        Span f = new Span(figure);
        f.addClassName("card-figure");
        f.getStyle().set("font-size", "var(--lumo-font-size-xxl)").set("font-weight", "600");
        Span c = new Span(context);
        c.getStyle().set("font-size", "var(--lumo-font-size-s)");
        getStyle()
                .set("display", "flex")
                .set("flex-direction", "column")
                .set("gap", "var(--lumo-space-xs)")
                .set("padding", "var(--lumo-space-m)")
                .set("border", "1px solid var(--lumo-contrast-10pct)")
                .set("border-radius", "var(--lumo-border-radius-l)")
                .set("min-width", "14em");
        add(l, f, c);
    }
}
