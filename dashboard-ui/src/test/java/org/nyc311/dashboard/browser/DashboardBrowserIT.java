package org.nyc311.dashboard.browser;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.RawBatchLanded;
import org.nyc311.testsupport.browser.HeadlessChromium;
import org.nyc311.testsupport.events.LandedBatches;
import org.nyc311.testsupport.net.Loopback;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.postgres.PostgresServerExtension;
import org.nyc311.testsupport.s3.S3Server;
import org.nyc311.testsupport.s3.S3ServerExtension;
import org.nyc311.testsupport.sqs.SqsServer;
import org.nyc311.testsupport.sqs.SqsServerExtension;
import org.nyc311.testsupport.tokens.TokenIssuer;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard as people use it: the packaged app in production mode, in headless Debian Chromium, reading the
 * real pipeline-controller (its jar, on real PostgreSQL, ElasticMQ and s3proxy). forecast-service and
 * anomaly-service are not running here: their views must say so plainly. Screenshots go to target/screenshots.
 */
@ExtendWith({
    PostgresServerExtension.class,
    SqsServerExtension.class,
    S3ServerExtension.class,
    TokenIssuerExtension.class
})
// the local form login, as ./nyc311 up runs it
@ActiveProfiles("local")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserIT {

    static final Path CHROMIUM = HeadlessChromium.EXECUTABLE;
    static final String USER = "analyst";
    static final String PASSWORD = "test-password";
    static final String INGESTION_RUN = "dash-test-ingestion-1";
    static final String OTHER_INGESTION_RUN = "dash-test-ingestion-2";
    static final String BUCKET = "nyc311-lake";

    private static PipelineControllerProcess controller;

    /** The data-quality alert the set-up stores in the controller's database, as its checks would word it. */
    static final String MISSING_DAY_DETAIL = "2026-06-27 (Saturday): no requests citywide in gold.";

    private static String runId;
    private static String otherRunId;
    private static Playwright playwright;
    private static Browser browser;
    private static final int NOTHING_LISTENS = Loopback.freePort();

    @LocalServerPort
    int port;

    private BrowserContext context;
    private Page page;

    @BeforeAll
    static void platform(PostgresServer postgres, SqsServer sqs, S3Server s3, TokenIssuer tokens, @TempDir Path work)
            throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM),
                "skipped: " + CHROMIUM + " is absent (apt-get install chromium; .ci/run does this)");
        Assumptions.assumeTrue(
                Files.isRegularFile(PipelineControllerProcess.jar()),
                "skipped: " + PipelineControllerProcess.jar()
                        + " is not built (./mvnw -pl pipeline-controller package)");
        postgres.createDatabase("pipeline_controller_dashboard");
        s3.createBucket(BUCKET);
        Map<String, String> properties = new HashMap<>();
        properties.putAll(s3.springProperties());
        properties.putAll(sqs.springProperties());
        properties.put("spring.datasource.url", postgres.jdbcUrl("pipeline_controller_dashboard"));
        properties.put("spring.datasource.username", PostgresServer.SUPERUSER);
        properties.put("nyc311.lake.bucket", BUCKET);
        properties.putAll(tokens.springProperties());
        // no delta-jobs jar here: the run's one attempt fails at once, and a failed run is what the view must show well
        properties.put(
                "nyc311.controller.local.delta-jobs-jar",
                work.resolve("absent/delta-jobs.jar").toString());
        properties.put(
                "nyc311.controller.local.classpath-file",
                work.resolve("absent/delta-jobs.classpath").toString());
        properties.put("nyc311.controller.local.lake-root", work.resolve("lake").toString());
        properties.put(
                "nyc311.controller.local.log-directory", work.resolve("runs").toString());
        properties.put("nyc311.controller.retry.max-attempts", "1");
        properties.put("nyc311.controller.poll-interval", "500ms");
        controller =
                PipelineControllerProcess.start(properties, work.resolve("controller"), tokens.tokenWithEveryScope());

        runId = postRun(INGESTION_RUN, 11);
        controller.awaitEnded(runId, Duration.ofSeconds(90));
        otherRunId = postRun(OTHER_INGESTION_RUN, 7);
        controller.awaitEnded(otherRunId, Duration.ofSeconds(90));
        // the row the controller's data-quality check stores after a run whose last complete day came empty (its
        // runs fail here, without delta-jobs, so none raises one by itself); the view reads it through the REST API
        try (Connection db = postgres.connect("pipeline_controller_dashboard");
                Statement insert = db.createStatement()) {
            insert.executeUpdate("INSERT INTO data_quality_alert (id, kind, subject, day, pipeline_run_id, observed,"
                    + " expected, detail, raised_at) VALUES ('" + UUID.randomUUID() + "', 'MISSING_DAY', '2026-06-27',"
                    + " DATE '2026-06-27', '" + otherRunId + "', 0, 8912, '" + MISSING_DAY_DETAIL + "', now())");
        }

        playwright = Playwright.create();
        browser = launch(playwright);
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    }

    /** Debian's headless Chromium, as every browser test here drives it. */
    static Browser launch(Playwright playwright) {
        return playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(HeadlessChromium.ARGS));
    }

    /** What ingest-service would send for a landed batch, posted to the controller's API: it records a run. */
    private static String postRun(String ingestionRun, long records) throws Exception {
        RawBatchLanded event = LandedBatches.incremental(ingestionRun, BUCKET, records);
        String body = "{\"events\":[" + new EventJson().write(event) + "]}";
        return new ObjectMapper().readTree(controller.postRun(body)).get("id").asText();
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add(
                "nyc311.services.pipeline-controller.url",
                () -> controller == null
                        ? "http://127.0.0.1:" + NOTHING_LISTENS
                        : controller.baseUri().toString());
        registry.add("nyc311.services.forecast-service.url", () -> "http://127.0.0.1:" + NOTHING_LISTENS);
        registry.add("nyc311.services.anomaly-service.url", () -> "http://127.0.0.1:" + NOTHING_LISTENS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (controller != null) {
            controller.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        context = browser.newContext(
                new Browser.NewContextOptions().setViewportSize(1400, 1000).setAcceptDownloads(true));
        context.setDefaultTimeout(30_000);
        page = context.newPage();
    }

    @AfterEach
    void closeBrowser() {
        context.close();
    }

    @Test
    void aViewNeedsALoginAWrongPasswordIsRefusedAndLoggingOutEndsTheSession() {
        page.navigate(url("/pipeline"));
        page.waitForURL("**/login");
        page.locator("input[name='username']").fill(USER);
        page.locator("input[name='password']").fill("wrong");
        page.locator("vaadin-button[slot='submit'], button[type='submit']")
                .first()
                .click();
        page.waitForURL("**/login?error");
        PlaywrightAssertions.assertThat(page.locator("vaadin-login-form")).isVisible();
        screenshot("login-refused");

        logIn();
        page.locator("vaadin-button", new Page.LocatorOptions().setHasText("Log out"))
                .click();
        page.waitForURL("**/login");
        page.navigate(url("/models"));
        page.waitForURL("**/login");
    }

    @Test
    void thePipelineViewShowsTheFeedsDataQualityAlertsApartFromItsRuns() {
        logIn();
        page.navigate(url("/pipeline"));
        Locator alerts = page.locator("#pipeline-data-quality");
        PlaywrightAssertions.assertThat(alerts.locator(
                        "vaadin-grid-cell-content", new Locator.LocatorOptions().setHasText("MISSING_DAY")))
                .isVisible();
        PlaywrightAssertions.assertThat(alerts.locator(
                        "vaadin-grid-cell-content", new Locator.LocatorOptions().setHasText(MISSING_DAY_DETAIL)))
                .isVisible();
        PlaywrightAssertions.assertThat(
                        alerts.locator("vaadin-grid-cell-content", new Locator.LocatorOptions().setHasText("8912")))
                .isVisible();
        PlaywrightAssertions.assertThat(
                        page.locator(".card", new Page.LocatorOptions().setHasText("Data-quality alerts"))
                                .locator(".card-figure"))
                .hasText("1");
        screenshot("pipeline-data-quality");
    }

    @Test
    void thePipelineViewShowsTheRealRunsFiltersSortsAndExportsThem() throws Exception {
        logIn();
        page.navigate(url("/pipeline"));
        Locator grid = page.locator("#pipeline-runs");
        PlaywrightAssertions.assertThat(
                        grid.locator("vaadin-grid-cell-content", new Locator.LocatorOptions().setHasText(runId))
                                .first())
                .isVisible();
        PlaywrightAssertions.assertThat(
                        grid.locator("vaadin-grid-cell-content", new Locator.LocatorOptions().setHasText(otherRunId))
                                .first())
                .isVisible();
        PlaywrightAssertions.assertThat(
                        grid.locator("vaadin-grid-cell-content", new Locator.LocatorOptions().setHasText("FAILED"))
                                .first())
                .isVisible();
        page.waitForFunction("() => document.querySelector('#pipeline-runs').size === 2");

        // the chart holds the runs: a bar each, with their 11 and 7 records
        page.waitForFunction(
                "() => { const c = document.querySelector('nyc311-chart'); return c && c.chart && c.querySelector('canvas'); }");
        JsonNode bars = json(page.evaluate(
                "() => JSON.stringify(document.querySelector('nyc311-chart').chart.getOption().series[0].data)"));
        assertThat(bars).hasSize(2);
        assertThat(List.of(bars.get(0).get(1).asLong(), bars.get(1).get(1).asLong()))
                .containsExactly(11L, 7L);
        screenshot("pipeline");

        // sorting: by records, ascending then descending; the export follows the grid's order
        page.locator("vaadin-grid-sorter", new Page.LocatorOptions().setHasText("Records"))
                .click();
        assertThat(csvLines()).extracting(line -> line.split(",")[0]).containsExactly("run_id", otherRunId, runId);
        page.locator("vaadin-grid-sorter", new Page.LocatorOptions().setHasText("Records"))
                .click();
        assertThat(csvLines()).extracting(line -> line.split(",")[0]).containsExactly("run_id", runId, otherRunId);

        // filtering: by a text nothing matches, then by one ingestion run
        page.locator("#pipeline-search input").fill("no-such-run");
        page.waitForFunction("() => document.querySelector('#pipeline-runs').size === 0");
        assertThat(csvLines()).containsExactly(csvLines().get(0));

        page.locator("#pipeline-search input").fill(INGESTION_RUN);
        page.waitForFunction("() => document.querySelector('#pipeline-runs').size === 1");
        screenshot("pipeline-filtered");
        Download csv = page.waitForDownload(() -> page.locator("a.csv-export").click());
        assertThat(csv.suggestedFilename()).isEqualTo("pipeline-runs.csv");
        List<String> lines = Files.readAllLines(csv.path());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .isEqualTo("run_id,state,created_at,started_at,finished_at,duration_s,attempts,records,"
                        + "quarantined,ingestion_run_ids,error");
        assertThat(lines.get(1))
                .startsWith(runId + ",FAILED,")
                .contains(",1,11,,")
                .contains(INGESTION_RUN);
    }

    private List<String> csvLines() throws Exception {
        Download csv = page.waitForDownload(() -> page.locator("a.csv-export").click());
        return Files.readAllLines(csv.path());
    }

    @Test
    void everyViewOpensAndSaysPlainlyWhichServiceIsDown() throws Exception {
        logIn();
        page.navigate(url("/"));
        PlaywrightAssertions.assertThat(page.locator(
                                ".service-notice", new Page.LocatorOptions().setHasText("forecast-service unavailable"))
                        .first())
                .isVisible();
        PlaywrightAssertions.assertThat(page.locator(
                                ".service-notice", new Page.LocatorOptions().setHasText("anomaly-service unavailable"))
                        .first())
                .isVisible();
        // the controller's data-quality alert of this week, above the numbers it concerns
        PlaywrightAssertions.assertThat(page.locator(".data-quality-notice"))
                .containsText("Data-quality alert (MISSING_DAY): " + MISSING_DAY_DETAIL);
        PlaywrightAssertions.assertThat(page.locator("nyc311-chart")).hasCount(6);
        page.waitForFunction(
                "() => [...document.querySelectorAll('nyc311-chart')].every(c => c.querySelector('canvas'))");
        JsonNode names = json(
                page.evaluate(
                        "() => JSON.stringify(document.querySelector('nyc311-chart').chart.getOption().series.map(s => s.name))"));
        assertThat(names.toString()).contains("actual", "forecast", "95% band", "anomalies");
        noStackTrace();
        screenshot("overview");

        page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Explorer"))
                .click();
        page.waitForURL("**/explorer");
        PlaywrightAssertions.assertThat(page.locator(
                                ".service-notice", new Page.LocatorOptions().setHasText("forecast-service unavailable"))
                        .first())
                .isVisible();
        PlaywrightAssertions.assertThat(page.locator("nyc311-chart canvas")).hasCount(1);
        noStackTrace();
        screenshot("explorer");

        page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Anomalies"))
                .click();
        page.waitForURL("**/anomalies");
        PlaywrightAssertions.assertThat(page.locator(
                                ".service-notice", new Page.LocatorOptions().setHasText("anomaly-service unavailable"))
                        .first())
                .isVisible();
        Download csv = page.waitForDownload(() -> page.locator("a.csv-export").click());
        assertThat(Files.readString(csv.path()))
                .isEqualTo("series,date,actual,forecast,lower_95,upper_95,z_score,direction,forecast_run_id\r\n");
        noStackTrace();
        screenshot("anomalies");

        page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Models"))
                .click();
        page.waitForURL("**/models");
        PlaywrightAssertions.assertThat(page.locator(
                                ".service-notice", new Page.LocatorOptions().setHasText("forecast-service unavailable"))
                        .first())
                .isVisible();
        noStackTrace();
        screenshot("models");

        page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Pipeline"))
                .click();
        page.waitForURL("**/pipeline");
        PlaywrightAssertions.assertThat(page.locator(".service-notice")).hasCount(0);
    }

    @Test
    void theForecastChartDrawsItsLinesBandMarkersAndToday() throws Exception {
        logIn();
        page.navigate(url("/test/forecast-chart"));
        page.waitForFunction(
                "() => { const c = document.querySelector('nyc311-chart'); return c && c.chart && c.querySelector('canvas'); }");
        JsonNode series = json(
                page.evaluate(
                        "() => JSON.stringify(document.querySelector('nyc311-chart').chart.getOption().series"
                                + ".map(s => ({name: s.name, stack: s.stack || null, points: s.data.length, markLine: s.markLine || null})))"));

        List<String> names = new java.util.ArrayList<>();
        series.forEach(s -> names.add(s.get("name").asText()));
        assertThat(names).containsExactly("actual", "forecast", "95% lower", "95% band", "anomalies");
        assertThat(series.get(0).get("points").asInt()).isEqualTo(14);
        assertThat(series.get(1).get("points").asInt()).isEqualTo(7);
        assertThat(series.get(1).at("/markLine/data/0/xAxis").asText()).isEqualTo(ChartHarnessView.TODAY.toString());
        assertThat(series.get(2).get("stack").asText()).isEqualTo("band");
        assertThat(series.get(3).get("stack").asText()).isEqualTo("band");
        assertThat(series.get(4).get("points").asInt()).isEqualTo(1);
        screenshot("forecast-chart");
    }

    private void logIn() {
        logIn(page, url(""), USER, PASSWORD);
    }

    /** Through the login form of the app at {@code base}, as a person would; the page is then in the layout. */
    static void logIn(Page page, String base, String user, String password) {
        page.navigate(base + "/login");
        page.locator("input[name='username']").fill(user);
        page.locator("input[name='password']").fill(password);
        page.locator("vaadin-button[slot='submit'], button[type='submit']")
                .first()
                .click();
        page.waitForURL(u -> !u.contains("/login"));
        PlaywrightAssertions.assertThat(page.locator("vaadin-app-layout")).isVisible();
    }

    private void noStackTrace() {
        String text = page.locator("body").innerText();
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private void screenshot(String name) {
        Path folder = Path.of(System.getProperty("nyc311.screenshots", "target/screenshots"));
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(folder.resolve(name + ".png"))
                .setFullPage(true));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static JsonNode json(Object evaluated) throws Exception {
        return new ObjectMapper().readTree(String.valueOf(evaluated));
    }
}
