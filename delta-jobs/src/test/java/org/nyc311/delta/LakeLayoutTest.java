package org.nyc311.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LakeLayoutTest {

    @Test
    void withoutACatalogEveryTableIsAPathUnderTheLakeRootAsBefore() {
        LakeLayout lake = LakeLayout.from(
                JobArgs.parse("--lake-root", "s3://lake/", "--table-daily-series", "elsewhere/series/"));

        assertThat(lake.bronzeRequests()).isEqualTo(LakeTable.atPath("s3://lake/bronze/service_requests"));
        assertThat(lake.pipelineMetrics()).isEqualTo(LakeTable.atPath("s3://lake/silver/pipeline_metrics"));
        assertThat(lake.goldDailyRequests()).isEqualTo(LakeTable.atPath("s3://lake/gold/daily_requests"));
        assertThat(lake.goldDailySeries()).isEqualTo(LakeTable.atPath("s3://lake/elsewhere/series"));
        assertThat(lake.describe(lake.silverQuarantine())).isEqualTo("silver/quarantine");
        assertThat(lake.rawRoot()).isEqualTo("s3://lake/raw/nyc311");
    }

    @Test
    void withACatalogEveryTableIsNamedInItsLayersSchemaAndFilesStayUnderTheRoot() {
        LakeLayout lake = LakeLayout.from(JobArgs.parse(
                "--lake-root",
                "s3://lake",
                "--catalog",
                "main",
                "--silver-schema",
                "s",
                "--gold-schema",
                "nyc311_gold"));

        assertThat(lake.bronzeRequests()).isEqualTo(LakeTable.named("main.nyc311_bronze.service_requests"));
        assertThat(lake.silverRequests()).isEqualTo(LakeTable.named("main.s.service_requests"));
        assertThat(lake.silverQuarantine()).isEqualTo(LakeTable.named("main.s.quarantine"));
        assertThat(lake.pipelineMetrics()).isEqualTo(LakeTable.named("main.s.pipeline_metrics"));
        // the names the services read over JDBC (deploy/ecs's GoldSchema main.nyc311_gold)
        assertThat(lake.goldDailyRequests()).isEqualTo(LakeTable.named("main.nyc311_gold.daily_requests"));
        assertThat(lake.goldDailySeries()).isEqualTo(LakeTable.named("main.nyc311_gold.daily_series"));
        assertThat(lake.goldSeriesCatalog()).isEqualTo(LakeTable.named("main.nyc311_gold.series_catalog"));
        assertThat(lake.describe(lake.goldDailySeries())).isEqualTo("main.nyc311_gold.daily_series");
        assertThat(lake.checkpoint("bronze_service_requests"))
                .isEqualTo("s3://lake/_checkpoints/bronze_service_requests");
        assertThat(lake.runResult("r1")).isEqualTo("s3://lake/_pipeline_runs/r1/result.json");
    }

    @Test
    void aTablePathOrANameThatIsNotAnIdentifierIsRefusedWithACatalog() {
        assertThatThrownBy(() -> LakeLayout.from(
                        JobArgs.parse("--lake-root", "s3://lake", "--catalog", "main", "--table-daily-series", "x")))
                .hasMessageContaining("--table-daily-series");
        assertThatThrownBy(() -> LakeLayout.from(
                        JobArgs.parse("--lake-root", "s3://lake", "--catalog", "main", "--gold-schema", "gold; DROP")))
                .hasMessageContaining("gold; DROP");
    }
}
