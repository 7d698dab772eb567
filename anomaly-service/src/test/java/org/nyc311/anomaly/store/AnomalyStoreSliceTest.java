package org.nyc311.anomaly.store;

import org.nyc311.anomaly.config.AnomalyProperties;
import org.nyc311.testsupport.postgres.PostgresSliceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The base of the anomaly store's {@code @JdbcTest} slices on the embedded PostgreSQL: the repository over the
 * schema of this service's own migrations, each test rolled back, and the template to look at its rows directly.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
// the service's own migrations: the outbox's Java migration and V4's queue name from the settings
@Import({AnomalyRepository.class, OutboxMigrations.class})
@EnableConfigurationProperties(AnomalyProperties.class)
abstract class AnomalyStoreSliceTest extends PostgresSliceTest {

    /** The detection settings the alerts saved here were derived under (their fingerprint's shape). */
    static final String DERIVED_UNDER = "bd20ddb9799eb4a5";

    @Autowired
    AnomalyRepository store;

    @Autowired
    JdbcTemplate jdbc;
}
