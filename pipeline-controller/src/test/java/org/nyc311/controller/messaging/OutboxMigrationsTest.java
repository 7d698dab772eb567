package org.nyc311.controller.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nyc311.service.outbox.EventOutboxMigration;

class OutboxMigrationsTest {

    /** -2032718217 is what Flyway recorded for V2__event_outbox.sql, the script the migration replaced. */
    @Test
    void theOutboxMigrationKnowsTheScriptItReplacedAsFlywayRecordedIt() {
        assertThat(new OutboxMigrations().eventOutboxMigration().replacedScript())
                .contains(new EventOutboxMigration.ReplacedScript("V2__event_outbox.sql", -2032718217));
    }
}
