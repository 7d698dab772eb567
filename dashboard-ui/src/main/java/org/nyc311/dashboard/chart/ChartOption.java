package org.nyc311.dashboard.chart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns {@link ChartData} into an ECharts option. The band is drawn the usual ECharts way: an invisible line at
 * the lower bound, and a stacked area of (upper - lower) on top of it, so the shaded area spans lower to upper.
 * Series names are fixed so that tests and users can find them: actual, forecast, 95% lower, 95% band, anomalies.
 */
public final class ChartOption {

    public static final String ACTUAL = "actual";
    public static final String FORECAST = "forecast";
    public static final String BAND_BASE = "95% lower";
    public static final String BAND = "95% band";
    public static final String ANOMALIES = "anomalies";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChartOption() {}

    public static ObjectNode of(ChartData data) {
        ObjectNode option = JSON.createObjectNode();
        option.putObject("title")
                .put("text", data.title())
                .put("left", "center")
                .putObject("textStyle")
                .put("fontSize", 14);
        option.putObject("tooltip").put("trigger", "axis");
        option.putObject("legend")
                .put("bottom", 0)
                .putArray("data")
                .add(ACTUAL)
                .add(FORECAST)
                .add(BAND)
                .add(ANOMALIES);
        option.putObject("grid").put("left", 50).put("right", 20).put("top", 40).put("bottom", 50);
        option.putObject("xAxis").put("type", "time");
        option.putObject("yAxis").put("type", "value").put("min", 0);
        ArrayNode series = option.putArray("series");

        ObjectNode actual = line(series, ACTUAL, "#1f4e79");
        data.actual().forEach(d -> point(actual, d.date().toString(), d.value()));

        ObjectNode forecast = line(series, FORECAST, "#e07b00");
        forecast.putObject("lineStyle").put("type", "dashed").put("width", 2);
        data.forecast().forEach(b -> point(forecast, b.date().toString(), b.yhat()));
        if (data.today() != null) {
            ObjectNode today = forecast.putObject("markLine");
            // drawn at once: an animated line is half drawn in a screenshot taken right after an update
            today.put("symbol", "none").put("silent", true).put("animation", false);
            today.putObject("label").put("formatter", "today");
            today.putObject("lineStyle").put("color", "#888").put("type", "solid");
            today.putArray("data")
                    .addObject()
                    .put("name", "today")
                    .put("xAxis", data.today().toString());
        }

        ObjectNode base = line(series, BAND_BASE, "transparent");
        base.put("stack", "band").putObject("lineStyle").put("opacity", 0);
        base.put("tooltip", false);
        ObjectNode band = line(series, BAND, "#e07b00");
        band.put("stack", "band").putObject("lineStyle").put("opacity", 0);
        band.putObject("areaStyle").put("color", "rgba(224,123,0,0.2)");
        for (ChartData.Band b : data.forecast()) {
            point(base, b.date().toString(), b.lower());
            point(band, b.date().toString(), b.upper() - b.lower());
        }

        ObjectNode anomalies = series.addObject();
        anomalies
                .put("name", ANOMALIES)
                .put("type", "scatter")
                .put("symbol", "diamond")
                .put("symbolSize", 12);
        anomalies.putObject("itemStyle").put("color", "#c0392b");
        ArrayNode points = anomalies.putArray("data");
        data.anomalies().forEach(d -> points.addArray().add(d.date().toString()).add(d.value()));
        return option;
    }

    private static ObjectNode line(ArrayNode series, String name, String color) {
        ObjectNode line = series.addObject();
        line.put("name", name).put("type", "line").put("showSymbol", false).put("color", color);
        line.putArray("data");
        return line;
    }

    private static void point(ObjectNode line, String date, double value) {
        ((ArrayNode) line.get("data")).addArray().add(date).add(value);
    }
}
