package org.nyc311.launcher.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.launcher.Nyc311;
import org.nyc311.launcher.ReactorJars;
import org.nyc311.testsupport.mlflow.MlflowInstallation;
import picocli.CommandLine;

class IngestCommandIT {

    private static final Path ROOT = MlflowInstallation.projectRoot();

    @Test
    void aWindowNeedsBothEnds() {
        StringWriter err = new StringWriter();
        CommandLine cli = Nyc311.commandLine().setErr(new PrintWriter(err));

        int exit = cli.execute("ingest", "--source", "api", "--from", "2026-01-01");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("give both --from and --to, or neither");
    }

    @Test
    void aMissingFileIsRefusedBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        CommandLine cli = Nyc311.commandLine().setErr(new PrintWriter(err));

        int exit = cli.execute("ingest", "--source", "/no/such/file.jsonl");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no such file: /no/such/file.jsonl");
    }

    /** The real thing: s3proxy and PostgreSQL under the work folder, the service jar as a child JVM in one-shot mode. */
    @Test
    void landsAFileIntoTheLocalS3AndSaysWhereAndHowMany(@TempDir Path work) throws Exception {
        ReactorJars.assumeBuilt(ROOT, "ingest-service");
        ReactorJars.openToPostgres(work);
        Path fixture = ROOT.resolve("ingest-service/src/test/resources/fixtures/soda-sample.jsonl");
        StringWriter console = new StringWriter();
        CommandLine cli = Nyc311.commandLine().setOut(new PrintWriter(console, true));

        int exit = cli.execute(
                "ingest",
                "--source",
                fixture.toString(),
                "--workdir",
                work.toString(),
                "--page-size",
                "5",
                "--project-root",
                ROOT.toString());

        String output = console.toString();
        assertThat(exit).as(output).isZero();
        assertThat(output)
                .contains("started run ")
                .contains("part 00000 landed: 5 records")
                .contains("part 00002 landed: 2 records (12 so far)");
        Matcher last = Pattern.compile("run=(\\S+) records=12 prefix=s3://nyc311-lake/(\\S+)")
                .matcher(output);
        assertThat(last.find()).as(output).isTrue();
        Path batch = work.resolve("s3").resolve(IngestCommand.BUCKET).resolve(last.group(2));
        try (Stream<Path> files = Files.list(batch)) {
            assertThat(files.map(path -> path.getFileName().toString()).sorted().toList())
                    .isEqualTo(List.of(
                            "_manifest.json", "part-00000.json.gz", "part-00001.json.gz", "part-00002.json.gz"));
        }
        assertThat(Files.readString(batch.resolve("_manifest.json"))).contains("\"recordCount\" : 12");
    }

    /**
     * A run whose service JVM is killed (SIGKILL) in the middle of a page, then started again with the
     * same command: it resumes after its last landed part, with the same run id and keys, and asks the
     * source for no landed page twice. The source is a small SODA-shaped HTTP server in this JVM.
     */
    @Test
    void aKilledRunResumesAfterItsLastLandedPartWhenTheSameCommandRunsAgain(@TempDir Path work) throws Exception {
        ReactorJars.assumeBuilt(ROOT, "ingest-service");
        ReactorJars.openToPostgres(work);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add("{\":id\":\"row-" + i + "\",\"unique_key\":\"" + (50_000_000 + i)
                    + "\",\"created_date\":\"2026-01-0" + (1 + i % 9)
                    + "T10:00:00.000\",\"complaint_type\":\"Noise - Residential\",\"borough\":\"BROOKLYN\"}");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add("row-" + i);
        }
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean stallOnce = new AtomicBoolean(true);
        Map<Integer, Integer> asked = new ConcurrentHashMap<>();
        HttpServer soda = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        soda.setExecutor(Executors.newCachedThreadPool());
        soda.createContext("/resource/erm2-nwe9.json", exchange -> {
            // the intake pages by key: the page after ':id > X' starts at the record after X
            Matcher after = Pattern.compile(":id > '(row-\\d+)'")
                    .matcher(exchange.getRequestURI().getQuery());
            int from = after.find() ? ids.indexOf(after.group(1)) + 1 : 0;
            asked.merge(from, 1, Integer::sum);
            if (from == 6 && stallOnce.getAndSet(false)) {
                stalled.countDown();
                try {
                    release.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = ("[" + String.join(",", records.subList(Math.min(from, 10), Math.min(from + 2, 10))) + "]")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            try {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (IOException clientGone) {
                // the killed service is not there to read it
            }
            exchange.close();
        });
        soda.start();
        String[] command = {
            "ingest",
            "--source",
            "api",
            "--from",
            "2026-01-01",
            "--to",
            "2026-01-31",
            "--workdir",
            work.toString(),
            "--page-size",
            "2",
            "--project-root",
            ROOT.toString(),
            "--soda-url",
            "http://127.0.0.1:" + soda.getAddress().getPort()
        };
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            StringWriter first = new StringWriter();
            var killed = runner.submit(() ->
                    Nyc311.commandLine().setOut(new PrintWriter(first, true)).execute(command));
            assertThat(stalled.await(3, TimeUnit.MINUTES)).as(first.toString()).isTrue();
            List<ProcessHandle> services = ProcessHandle.current()
                    .descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("nyc311.ingest.one-shot.source"))
                    .toList();
            assertThat(services).hasSize(1);
            services.get(0).destroyForcibly();
            assertThat(killed.get(1, TimeUnit.MINUTES)).isNotZero();
            release.countDown();
            assertThat(first.toString()).contains("part 00002 landed").doesNotContain("part 00003 landed");

            StringWriter second = new StringWriter();
            int exit =
                    Nyc311.commandLine().setOut(new PrintWriter(second, true)).execute(command);

            String output = second.toString();
            assertThat(exit).as(output).isZero();
            Matcher started = Pattern.compile("started run (\\S+):").matcher(first.toString());
            assertThat(started.find()).isTrue();
            assertThat(output)
                    .contains("resuming run " + started.group(1) + " after part 00002")
                    .contains("part 00003 landed")
                    .contains("part 00004 landed")
                    .contains("run=" + started.group(1) + " records=10 ");
            Matcher prefix = Pattern.compile("prefix=s3://nyc311-lake/(\\S+)").matcher(output);
            assertThat(prefix.find()).isTrue();
            Path batch = work.resolve("s3").resolve(IngestCommand.BUCKET).resolve(prefix.group(1));
            List<String> landed = new ArrayList<>();
            for (int part = 0; part < 5; part++) {
                try (var in = new GZIPInputStream(
                        Files.newInputStream(batch.resolve(String.format("part-%05d.json.gz", part))))) {
                    landed.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .toList());
                }
            }
            assertThat(landed).isEqualTo(records);
            assertThat(asked)
                    .containsEntry(0, 1)
                    .containsEntry(2, 1)
                    .containsEntry(4, 1)
                    .containsEntry(6, 2)
                    .containsEntry(8, 1);
        } finally {
            release.countDown();
            runner.shutdownNow();
            soda.stop(0);
        }
    }
}
