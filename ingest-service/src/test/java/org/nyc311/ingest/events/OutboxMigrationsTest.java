package org.nyc311.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nyc311.service.outbox.EventOutboxMigration;

class OutboxMigrationsTest {

    /** 440243259 is what Flyway recorded for V6__event_outbox.sql, the script the migration replaced. */
    @Test
    void theOutboxMigrationKnowsTheScriptItReplacedAsFlywayRecordedIt() {
        assertThat(new OutboxMigrations().eventOutboxMigration().replacedScript())
                .contains(new EventOutboxMigration.ReplacedScript("V6__event_outbox.sql", 440243259));
    }
}
