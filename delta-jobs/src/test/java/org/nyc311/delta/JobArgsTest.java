package org.nyc311.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JobArgsTest {

    @Test
    void aListIsCommaSeparatedAndAnEmptyValueIsNoList() {
        assertThat(JobArgs.parse("--ingestion-runs", " a, b,,a ").list("ingestion-runs"))
                .containsExactly("a", "b");
        // databricks.yml passes --ingestion-runs={{job.parameters.ingestion_run_ids}}, empty for a run of no named
        // batch
        assertThat(JobArgs.parse("--ingestion-runs=").list("ingestion-runs")).isEmpty();
        assertThat(JobArgs.parse("--run-id", "r").list("ingestion-runs")).isEmpty();
    }

    @Test
    void aNameWithoutAValueSaysWhich() {
        assertThatThrownBy(() -> JobArgs.parse("--run-id")).hasMessageContaining("--run-id needs a value");
    }
}
