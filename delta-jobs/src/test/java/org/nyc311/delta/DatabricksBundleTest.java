package org.nyc311.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Asset Bundle at the project root, checked without the databricks CLI: it parses, its job runs
 * bronze, silver, gold in that order on one autoscaling spot-with-fallback cluster of DBR 16.4 LTS,
 * every main class it names exists in this jar, and the tables are Unity Catalog names whose gold schema is
 * the one the services read.
 */
class DatabricksBundleTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    private static Map<String, Object> bundle() throws Exception {
        try (Reader in = Files.newBufferedReader(Path.of(System.getProperty("nyc311.bundle", "../databricks.yml")))) {
            return new Yaml().load(in);
        }
    }

    @Test
    void theBundleRunsTheThreeStagesInOrderOnOneJobCluster() throws Exception {
        Map<String, Object> bundle = bundle();
        Map<String, Object> job =
                map(map(map(bundle.get("resources")).get("jobs")).get("nyc311_pipeline"));
        List<Object> tasks = list(job.get("tasks"));
        assertThat(tasks)
                .extracting(t -> map(t).get("task_key"))
                .containsExactly("bronze", "silver", "gold", "maintenance");
        assertThat(map(tasks.get(1)).get("depends_on").toString()).contains("bronze");
        assertThat(map(tasks.get(2)).get("depends_on").toString()).contains("silver");
        assertThat(map(tasks.get(3)).get("depends_on").toString()).contains("gold");
        // the upkeep's schedule and VACUUM's retention are the bundle's settings, passed as the stage reads them
        assertThat(map(map(tasks.get(3)).get("spark_jar_task"))
                        .get("parameters")
                        .toString())
                .contains("--maintenance-every-days, ${var.maintenance_every_days}")
                .contains("--retain-hours, ${var.vacuum_retain_hours}");

        List<Object> clusters = list(job.get("job_clusters"));
        assertThat(clusters).hasSize(1);
        Map<String, Object> cluster = map(map(clusters.get(0)).get("new_cluster"));
        assertThat(cluster.get("spark_version").toString()).startsWith("16.4.x-scala2.12");
        assertThat(map(cluster.get("autoscale")))
                .containsEntry("min_workers", 1)
                .containsEntry("max_workers", 3);
        assertThat(map(cluster.get("aws_attributes"))).containsEntry("availability", "SPOT_WITH_FALLBACK");

        assertThat(list(job.get("parameters")))
                .extracting(p -> map(p).get("name"))
                .contains(
                        "lake_root",
                        "run_id",
                        // pipeline-controller sends these with run-now: the job declares every parameter it is given
                        "ingestion_run_ids",
                        "batch_prefixes");
        assertThat(map(bundle.get("targets"))).containsKeys("dev", "prod");

        for (Object task : tasks) {
            Map<String, Object> jar = map(map(task).get("spark_jar_task"));
            assertThat(map(task).get("job_cluster_key"))
                    .isEqualTo(map(clusters.get(0)).get("job_cluster_key"));
            Method main = Class.forName(jar.get("main_class_name").toString()).getMethod("main", String[].class);
            assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
            List<Object> parameters = list(jar.get("parameters"));
            assertThat(parameters)
                    .contains("--lake-root", "{{job.parameters.lake_root}}", "--run-id", "{{job.parameters.run_id}}");
            assertThat(list(map(task).get("libraries")).toString()).contains("delta-jobs/target/delta-jobs.jar");
        }
        // silver reads the run's batches again when bronze took them before (a manual rerun under a new run id)
        assertThat(list(map(map(tasks.get(1)).get("spark_jar_task")).get("parameters")))
                .contains("--ingestion-runs={{job.parameters.ingestion_run_ids}}");
    }

    @Test
    void everyTaskNamesItsTablesInTheCatalogTheBundleGivesSchemasAndGrantsAndProdGoldIsWhatTheServicesRead()
            throws Exception {
        Map<String, Object> bundle = bundle();
        Map<String, Object> resources = map(bundle.get("resources"));
        Map<String, Object> job = map(map(resources.get("jobs")).get("nyc311_pipeline"));
        for (Object task : list(job.get("tasks"))) {
            String parameters =
                    list(map(map(task).get("spark_jar_task")).get("parameters")).toString();
            assertThat(parameters)
                    .as(map(task).get("task_key").toString())
                    .contains(
                            "--catalog, ${var.catalog}",
                            "--bronze-schema, ${resources.schemas.bronze.name}",
                            "--silver-schema, ${resources.schemas.silver.name}",
                            "--gold-schema, ${resources.schemas.gold.name}");
        }
        // raw JSON and checkpoints through a Unity Catalog external location, not an instance profile
        assertThat(map(list(job.get("job_clusters")).get(0)).toString()).doesNotContain("instance_profile");
        assertThat(list(job.get("permissions")))
                .containsExactly(Map.of(
                        "level", "CAN_MANAGE_RUN", "service_principal_name", "${var.pipeline_controller_principal}"));
        assertThat(map(job.get("run_as"))).containsEntry("service_principal_name", "${var.job_principal}");
        assertThat(bundle).doesNotContainKey("run_as");

        Map<String, Object> schemas = map(resources.get("schemas"));
        assertThat(schemas).containsOnlyKeys("bronze", "silver", "gold", "ml");
        assertThat(map(schemas.get("gold")).get("grants").toString())
                .contains("principal=${var.forecast_service_principal}, privileges=[USE_SCHEMA, SELECT]")
                .contains("principal=${var.anomaly_service_principal}, privileges=[USE_SCHEMA, SELECT]");
        assertThat(map(schemas.get("ml")).get("grants").toString())
                .contains("principal=${var.forecast_service_principal}, privileges=[USE_SCHEMA, CREATE_MODEL]");
        Map<String, Object> volume = map(map(resources.get("volumes")).get("mlflow_artifacts"));
        assertThat(volume).containsEntry("schema_name", "${resources.schemas.ml.name}");
        assertThat(volume.get("grants").toString())
                .contains("principal=${var.forecast_service_principal}, privileges=[READ_VOLUME, WRITE_VOLUME]");

        Map<String, Object> prod =
                map(map(map(bundle.get("targets")).get("prod")).get("variables"));
        assertThat(prod).containsEntry("catalog", "main").containsEntry("gold_schema", "nyc311_gold");
        String template =
                Files.readString(Path.of(System.getProperty("nyc311.ecs-template", "../deploy/ecs/nyc311.yaml")));
        assertThat(templateDefault(template, "GoldSchema"))
                .isEqualTo(prod.get("catalog") + "." + prod.get("gold_schema"));
        assertThat(templateDefault(template, "MlSchema")).isEqualTo(prod.get("catalog") + "." + prod.get("ml_schema"));
        // every schema keeps its managed tables in the lake bucket, under the external location on it
        schemas.forEach((layer, schema) -> assertThat(map(schema))
                .containsEntry("storage_root", "${var.lake_root}/unity-catalog/${var." + layer + "_schema}"));
        assertThat(map(map(map(bundle.get("targets")).get("dev")).get("variables")))
                .containsKeys("catalog", "bronze_schema", "silver_schema", "gold_schema", "ml_schema");
    }

    /** A parameter's default in the CloudFormation template, read as text (its tags are not plain YAML). */
    private static String templateDefault(String template, String parameter) {
        Matcher declared = Pattern.compile("\n  " + parameter + ":\n(?:    .*\n)*?    Default: (\\S+)\n")
                .matcher(template);
        assertThat(declared.find())
                .as("deploy/ecs/nyc311.yaml declares " + parameter + " with a default")
                .isTrue();
        return declared.group(1);
    }
}
