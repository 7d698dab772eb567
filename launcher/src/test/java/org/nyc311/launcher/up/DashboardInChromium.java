package org.nyc311.launcher.up;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.nyc311.testsupport.browser.HeadlessChromium;

/**
 * The dashboard of a running platform, looked at in headless Debian Chromium the way an analyst would
 * in the morning: log in, see the overview's charts hold actuals and forecasts, pick the spiking series
 * in the explorer, find its anomalies and open alert, export them, and see the models and pipeline
 * runs. Screenshots go to {@code nyc311.screenshots} (target/screenshots) as {@code e2e-*.png}.
 */
final class DashboardInChromium {

    static final Path CHROMIUM = HeadlessChromium.EXECUTABLE;
    private static final String USER = "analyst";
    private static final String PASSWORD = "nyc311"; // the local profile's known password

    private final Page page;
    private final URI dashboard;

    private DashboardInChromium(Page page, URI dashboard) {
        this.page = page;
        this.dashboard = dashboard;
    }

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM);
    }

    /**
     * @param mlflowRuns whether the platform runs MLflow: then the explorer links the series' MLflow run,
     *                   and the link opens
     */
    static void check(URI dashboard, String spikingSeries, LocalDate spikeStart, LocalDate today, boolean mlflowRuns)
            throws Exception {
        try (Playwright playwright = Playwright.create();
                Browser browser = playwright
                        .chromium()
                        .launch(new BrowserType.LaunchOptions()
                                .setExecutablePath(CHROMIUM)
                                .setHeadless(true)
                                .setArgs(HeadlessChromium.ARGS));
                BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(1400, 1000)
                        .setAcceptDownloads(true))) {
            context.setDefaultTimeout(60_000);
            PlaywrightAssertions.setDefaultAssertionTimeout(60_000);
            DashboardInChromium look = new DashboardInChromium(context.newPage(), dashboard);
            look.logIn();
            look.overview();
            look.explorer(spikingSeries, spikeStart, today, mlflowRuns);
            look.anomalies(spikingSeries, spikeStart);
            look.models();
            look.pipeline();
        }
    }

    private void logIn() {
        page.navigate(dashboard.resolve("/login").toString());
        page.locator("input[name='username']").fill(USER);
        page.locator("input[name='password']").fill(PASSWORD);
        page.locator("vaadin-button[slot='submit'], button[type='submit']")
                .first()
                .click();
        page.waitForURL(u -> !u.contains("/login"));
        PlaywrightAssertions.assertThat(page.locator("vaadin-app-layout")).isVisible();
    }

    /** Every chart draws; the citywide one holds the replayed actuals and the forecast after them. */
    private void overview() throws Exception {
        page.navigate(dashboard.toString());
        page.waitForFunction("() => { const c = [...document.querySelectorAll('nyc311-chart')];"
                + " return c.length > 0 && c.every(x => x.chart && x.querySelector('canvas')); }");
        noServiceDown();
        JsonNode citywide = chartSeries(0);
        assertThat(points(citywide, "actual")).as("citywide actual days").isGreaterThanOrEqualTo(28);
        assertThat(points(citywide, "forecast")).as("citywide forecast days").isGreaterThan(0);
        String cards = page.locator("body").innerText();
        assertThat(cards).contains("Open alerts");
        // yesterday against the forecast made before it (the newest forecast starts today)
        assertThat(cards).containsPattern("forecast [0-9,]+ \\(95%: ");
        screenshot("e2e-overview");
    }

    /** The spiking series: its actuals, its forecast and band, and markers on the spike's days. */
    private void explorer(String seriesId, LocalDate spikeStart, LocalDate today, boolean mlflowRuns) throws Exception {
        page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Explorer"))
                .click();
        page.waitForURL("**/explorer");
        String[] key = seriesId.split("/");
        choose("#explorer-type", "Noise - Residential");
        choose("#explorer-borough", key[1]);
        page.waitForFunction("() => { const c = document.querySelector('nyc311-chart'); return c && c.chart"
                + " && c.chart.getOption().title[0].text === 'Noise - Residential · " + key[1] + "'; }");
        JsonNode series = chartSeries(0);
        assertThat(points(series, "actual")).isGreaterThanOrEqualTo(28);
        // the 30 days ahead, and before them the forecasts each past morning had (since the first batch's)
        assertThat(points(series, "forecast")).isGreaterThan(30);
        assertThat(days(series, "forecast"))
                .contains(spikeStart.toString(), today.plusDays(1).toString());
        List<String> markerDays = new ArrayList<>();
        for (JsonNode s : series) {
            if (s.path("name").asText().equals("anomalies")) {
                s.path("data")
                        .forEach(point -> markerDays.add(
                                point.isArray()
                                        ? point.get(0).asText()
                                        : point.path("value").get(0).asText()));
            }
        }
        assertThat(markerDays)
                .contains(
                        spikeStart.toString(),
                        spikeStart.plusDays(1).toString(),
                        spikeStart.plusDays(2).toString());
        // the model's quality from its cross-validation on the series' own history
        assertThat(page.locator("body").innerText())
                .containsPattern("MASE \\(CV\\)\\s+[0-9]")
                .containsPattern("on [1-9][0-9]* held-out days")
                .as("WAPE is served in percent, not as a share")
                .containsPattern("WAPE \\(CV\\)\\s+[0-9]{1,2}\\.[0-9]%");
        noServiceDown();
        screenshot("e2e-explorer");
        if (mlflowRuns) {
            Locator link = page.locator("a", new Page.LocatorOptions().setHasText("MLflow run"));
            PlaywrightAssertions.assertThat(link).isVisible();
            String href = link.getAttribute("href");
            assertThat(href).contains("/#/experiments/");
            try (Page mlflow = page.context().newPage()) {
                com.microsoft.playwright.Response answer = mlflow.navigate(href);
                assertThat(answer.ok()).as(href).isTrue();
                mlflow.waitForFunction("() => document.body.innerText.includes('" + seriesId + "')");
                mlflow.screenshot(new Page.ScreenshotOptions()
                        .setPath(screenshots().resolve("e2e-mlflow-run.png"))
                        .setFullPage(true));
            }
        }
    }

    /** The grid lists the spike's days, the alert is open, filtering narrows, and the export follows the grid. */
    private void anomalies(String seriesId, LocalDate spikeStart) throws Exception {
        page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Anomalies"))
                .click();
        page.waitForURL("**/anomalies");
        noServiceDown();
        Locator alerts = page.locator("#alerts");
        PlaywrightAssertions.assertThat(
                        alerts.locator("vaadin-grid-cell-content", new Locator.LocatorOptions().setHasText(seriesId))
                                .first())
                .isVisible();
        page.waitForFunction("() => document.querySelector('#anomalies').size >= 3");
        int all = ((Number) page.evaluate("() => document.querySelector('#anomalies').size")).intValue();

        page.locator("vaadin-text-field input").first().fill(seriesId.split("/")[0]);
        choose("vaadin-combo-box", seriesId.split("/")[1]);
        page.locator("#anomalies-apply").click();
        page.waitForFunction("n => document.querySelector('#anomalies').size < n || n <= 4", all);
        List<String> lines = csvLines();
        assertThat(lines.get(0)).startsWith("series,date,actual");
        assertThat(lines.subList(1, lines.size()))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith(seriesId + ","))
                .anySatisfy(line -> assertThat(line).startsWith(seriesId + "," + spikeStart + ","));
        int filtered = ((Number) page.evaluate("() => document.querySelector('#anomalies').size")).intValue();
        assertThat(lines).hasSize(filtered + 1);
        screenshot("e2e-anomalies");
    }

    private void models() {
        page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Models"))
                .click();
        page.waitForURL("**/models");
        page.waitForFunction("() => document.querySelector('#models') && document.querySelector('#models').size >= 10");
        noServiceDown();
        screenshot("e2e-models");
    }

    private void pipeline() {
        page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Pipeline"))
                .click();
        page.waitForURL("**/pipeline");
        page.waitForFunction("() => document.querySelector('#pipeline-runs').size === 2");
        PlaywrightAssertions.assertThat(page.locator(
                                "#pipeline-runs vaadin-grid-cell-content",
                                new Page.LocatorOptions().setHasText("SUCCEEDED"))
                        .first())
                .isVisible();
        noServiceDown();
        screenshot("e2e-pipeline");
    }

    /** Types into a Vaadin combo box and clicks the item the filter leaves. */
    private void choose(String comboBox, String text) {
        page.locator(comboBox + " input").first().fill(text);
        page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText(text))
                .first()
                .click();
    }

    private List<String> csvLines() throws Exception {
        Download csv = page.waitForDownload(() -> page.locator("a.csv-export").click());
        return Files.readAllLines(csv.path());
    }

    private JsonNode chartSeries(int index) throws Exception {
        return new ObjectMapper()
                .readTree(String.valueOf(page.evaluate(
                        "i => JSON.stringify(document.querySelectorAll('nyc311-chart')[i].chart.getOption().series)",
                        index)));
    }

    private static List<String> days(JsonNode series, String name) {
        List<String> days = new ArrayList<>();
        for (JsonNode s : series) {
            if (s.path("name").asText().equals(name)) {
                s.path("data").forEach(point -> days.add(point.get(0).asText()));
            }
        }
        return days;
    }

    private static int points(JsonNode series, String name) {
        for (JsonNode s : series) {
            if (s.path("name").asText().equals(name)) {
                return s.path("data").size();
            }
        }
        return 0;
    }

    /** A view is built once per visit, so a notice on it stays: the check reads it now and names what it says. */
    private void noServiceDown() {
        assertThat(page.locator(".service-notice", new Page.LocatorOptions().setHasText("unavailable"))
                        .allInnerTexts())
                .as("service notices on " + page.url())
                .isEmpty();
        assertThat(page.locator("body").innerText()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(screenshots().resolve(name + ".png"))
                .setFullPage(true));
    }

    private static Path screenshots() {
        return Path.of(System.getProperty("nyc311.screenshots", "target/screenshots"));
    }
}
