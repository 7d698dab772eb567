package org.nyc311.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.dashboard.DashboardApplication;
import org.nyc311.testsupport.net.JsonStubServer;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Overview's and the Explorer's load times at a city's size, in headless Chromium: a benchmark for
 * docs/BENCHMARKS.md#scale, never part of {@code ./mvnw verify} (it runs only with {@code -Dnyc311.bench.dashboard=N},
 * N series). The dashboard is the packaged app in production mode, started here once per setting; the three services
 * are one loopback stand-in answering their real records at N series ({@link CityAnswers}), each answer after
 * {@code -Dnyc311.bench.latency} (e.g. 250ms: a service's own time per request, which the stand-in otherwise lacks).
 * A load is from {@code page.navigate} until every chart of the view has drawn its canvas; {@code -Dnyc311.bench.loads}
 * loads (20) after one not counted, p50 and p95 by nearest rank. The settings: one call at a time without a cache (the
 * views before issue 17), the calls together without a cache (every load asks the services), and as shipped (calls
 * together, answers kept {@code nyc311.services.cache-ttl}, 30 s: warm after the first load). Times are printed and
 * written to target/dashboard-load-benchmark.md, never asserted; what is asserted is that every load drew its charts.
 */
@ExtendWith(TokenIssuerExtension.class)
class DashboardLoadBenchmarkIT {

    private static final String PASSWORD = "bench-password";

    private record Setting(String name, Map<String, String> properties) {}

    private final int loads = Integer.getInteger("nyc311.bench.loads", 20);

    @BeforeEach
    void chromiumIsThere() {
        Assumptions.assumeTrue(
                Files.isExecutable(DashboardBrowserIT.CHROMIUM),
                "skipped: " + DashboardBrowserIT.CHROMIUM + " is absent");
    }

    @Test
    @EnabledIfSystemProperty(named = "nyc311.bench.dashboard", matches = "\\d+")
    void overviewAndExplorerLoadTimes() throws Exception {
        int series = Integer.getInteger("nyc311.bench.dashboard");
        List<Duration> latencies = Arrays.stream(
                        System.getProperty("nyc311.bench.latency", "0ms").split(","))
                .map(v -> DurationStyle.detectAndParse(v.strip()))
                .toList();
        List<Setting> settings = List.of(
                new Setting(
                        "before: one call at a time, no cache",
                        Map.of("nyc311.services.parallel-calls", "1", "nyc311.services.cache-ttl", "0s")),
                new Setting("after, cache off: calls together", Map.of("nyc311.services.cache-ttl", "0s")),
                new Setting("after, as shipped: calls together, cache warm", Map.of()));
        StringBuilder report = new StringBuilder(
                "| stand-in latency | setting | Overview p50 | Overview p95 | Explorer p50 | Explorer p95 |\n"
                        + "| --- | --- | ---: | ---: | ---: | ---: |\n");
        try (JsonStubServer services = new JsonStubServer();
                Playwright playwright = Playwright.create()) {
            CityAnswers.serve(
                    services,
                    series,
                    LocalDate.now(ZoneId.of("America/New_York")).minusDays(1));
            Browser browser = DashboardBrowserIT.launch(playwright);
            // one call at a time at 250 ms a call, the Overview the login lands on takes several seconds
            PlaywrightAssertions.setDefaultAssertionTimeout(60_000);
            for (Duration latency : latencies) {
                services.answerEveryAfter(latency);
                for (Setting setting : settings) {
                    List<String> args = new ArrayList<>(List.of(
                            "--server.port=0",
                            "--spring.profiles.active=local",
                            "--nyc311.dashboard.password=" + PASSWORD,
                            "--nyc311.services.forecast-service.url=" + services.baseUri(),
                            "--nyc311.services.anomaly-service.url=" + services.baseUri(),
                            "--nyc311.services.pipeline-controller.url=" + services.baseUri(),
                            "--spring.main.banner-mode=off",
                            "--logging.level.root=WARN"));
                    setting.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
                    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DashboardApplication.class)
                                    .run(args.toArray(String[]::new));
                            BrowserContext context =
                                    browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000))) {
                        String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
                        Page page = context.newPage();
                        page.setDefaultTimeout(60_000);
                        DashboardBrowserIT.logIn(page, base, "analyst", PASSWORD);
                        List<Duration> overview = times(loads, () -> loadOverview(page, base));
                        List<Duration> explorer = times(loads, () -> loadExplorer(page, base));
                        String line = String.format(
                                Locale.ROOT,
                                "| %d ms | %s | %.2f s | %.2f s | %.2f s | %.2f s |%n",
                                latency.toMillis(),
                                setting.name(),
                                seconds(percentile(overview, 50)),
                                seconds(percentile(overview, 95)),
                                seconds(percentile(explorer, 50)),
                                seconds(percentile(explorer, 95)));
                        System.out.print("dashboard load, " + series + " series: " + line);
                        report.append(line);
                    }
                }
            }
            browser.close();
        }
        writeReport("Dashboard load times, " + series + " series, " + loads + " loads each after one not counted\n\n"
                + report);
        System.out.print(report);
    }

    /**
     * The same loads on a dashboard that is already running, as shipped, over the real services: {@code
     * -Dnyc311.bench.dashboard-url=http://127.0.0.1:8080} (the one {@code ./nyc311 up} prints), logging in as {@code
     * -Dnyc311.bench.dashboard-user} / {@code -password} (the local analyst, {@code analyst} / {@code nyc311}). What it
     * serves is whatever the platform holds: after a city-sized lake went through it, every series of the city.
     */
    @Test
    @EnabledIfSystemProperty(named = "nyc311.bench.dashboard-url", matches = "https?://.+")
    void loadTimesOfARunningDashboard() throws Exception {
        String base = System.getProperty("nyc311.bench.dashboard-url").replaceAll("/+$", "");
        try (Playwright playwright = Playwright.create()) {
            Browser browser = DashboardBrowserIT.launch(playwright);
            PlaywrightAssertions.setDefaultAssertionTimeout(60_000);
            try (BrowserContext context =
                    browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000))) {
                Page page = context.newPage();
                page.setDefaultTimeout(60_000);
                DashboardBrowserIT.logIn(
                        page,
                        base,
                        System.getProperty("nyc311.bench.dashboard-user", "analyst"),
                        System.getProperty("nyc311.bench.dashboard-password", "nyc311"));
                List<Duration> overview = times(loads, () -> loadOverview(page, base));
                List<Duration> explorer = times(loads, () -> loadExplorer(page, base));
                String report = String.format(
                        Locale.ROOT,
                        "| %s, as shipped, warm | %.2f s | %.2f s | %.2f s | %.2f s |%n",
                        base,
                        seconds(percentile(overview, 50)),
                        seconds(percentile(overview, 95)),
                        seconds(percentile(explorer, 50)),
                        seconds(percentile(explorer, 95)));
                writeReport("Dashboard load times, " + loads + " loads each after one not counted\n\n"
                        + "| dashboard | Overview p50 | Overview p95 | Explorer p50 | Explorer p95 |\n"
                        + "| --- | ---: | ---: | ---: | ---: |\n" + report);
                System.out.print("dashboard load: " + report);
            }
            browser.close();
        }
    }

    private static void writeReport(String text) throws IOException {
        Path out = Path.of("target", "dashboard-load-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
    }

    private static void loadOverview(Page page, String base) {
        page.navigate(base + "/");
        page.waitForFunction("() => { const c = [...document.querySelectorAll('nyc311-chart')];"
                + " return c.length === 6 && c.every(e => e.chart && e.querySelector('canvas')); }");
        // the charts hold what the services gave: the citywide actual line has its days
        Object days =
                page.evaluate("() => document.querySelector('nyc311-chart').chart.getOption().series[0].data.length");
        assertThat(((Number) days).intValue()).isPositive();
    }

    private static void loadExplorer(Page page, String base) {
        page.navigate(base + "/explorer");
        page.waitForFunction(
                "() => { const c = document.querySelector('nyc311-chart'); return c && c.chart && c.querySelector('canvas'); }");
        Object days =
                page.evaluate("() => document.querySelector('nyc311-chart').chart.getOption().series[0].data.length");
        assertThat(((Number) days).intValue()).isPositive();
    }

    private static List<Duration> times(int loads, Runnable load) {
        load.run();
        List<Duration> times = new ArrayList<>();
        for (int i = 0; i < loads; i++) {
            long start = System.nanoTime();
            load.run();
            times.add(Duration.ofNanos(System.nanoTime() - start));
        }
        return times;
    }

    /** Nearest rank: the smallest time at least {@code p}% of the loads took no longer than. */
    private static Duration percentile(List<Duration> times, int p) {
        List<Duration> sorted = times.stream().sorted().toList();
        return sorted.get((int) Math.ceil(p / 100.0 * sorted.size()) - 1);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
