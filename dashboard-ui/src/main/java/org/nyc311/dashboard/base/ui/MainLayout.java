package org.nyc311.dashboard.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.nyc311.dashboard.anomalies.AnomaliesView;
import org.nyc311.dashboard.explorer.ExplorerView;
import org.nyc311.dashboard.models.ModelsView;
import org.nyc311.dashboard.overview.OverviewView;
import org.nyc311.dashboard.pipeline.PipelineView;

/** The frame of every view: the title, who is logged in, and the navigation. */
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication) {
        H1 title = new H1("NYC 311 operations");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        Span user = new Span(authentication.getPrincipalName().orElse(""));
        Button logout = new Button("Log out", click -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, user, logout);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.expand(title);
        header.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(header);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Overview", OverviewView.class),
                new SideNavItem("Explorer", ExplorerView.class),
                new SideNavItem("Anomalies", AnomaliesView.class),
                new SideNavItem("Pipeline", PipelineView.class),
                new SideNavItem("Models", ModelsView.class));
        addToDrawer(nav);
    }
}
