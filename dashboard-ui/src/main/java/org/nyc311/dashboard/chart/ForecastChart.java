package org.nyc311.dashboard.chart;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

/**
 * A chart drawn by Apache ECharts (npm {@code echarts}, Apache-2.0) in the browser; the option is built here, on
 * the server, from data the dashboard fetched itself. The element keeps its ECharts instance as {@code chart},
 * so a browser test can read the option back with {@code chart.getOption()}.
 */
@Tag("nyc311-chart")
@NpmPackage(value = "echarts", version = "5.6.0")
@JsModule("./nyc311-chart.js")
public class ForecastChart extends Component implements HasSize {

    public ForecastChart() {
        setWidthFull();
        setHeight("360px");
    }

    public void show(ChartData data) {
        show(ChartOption.of(data));
    }

    /** Any ECharts option, e.g. the Pipeline view's records per run. */
    public void show(com.fasterxml.jackson.databind.node.ObjectNode option) {
        getElement().setAttribute("option", option.toString());
    }
}
