package org.nyc311.ingest.config;

import javax.sql.DataSource;
import org.springframework.batch.core.configuration.support.DefaultBatchConfiguration;
import org.springframework.batch.support.DatabaseType;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Spring Batch's job repository as Boot configures it, except that it is told its database is
 * PostgreSQL instead of asking the database while the context starts. Boot's asks
 * ({@code DatabaseType.fromMetaData}), and with PostgreSQL away that fails the start, where the service
 * should start and wait for its database (service-support's {@code DatabaseStartupGate}). Defining this
 * makes Boot's batch configuration back off; nothing else differs here: no job runs at start-up
 * ({@code spring.batch.job.enabled=false}), Flyway owns the tables, and table prefix, isolation level and
 * executor are Spring Batch's defaults, as they were.
 */
@Configuration(proxyBeanMethods = false)
class BatchConfiguration extends DefaultBatchConfiguration {

    private final DataSource dataSource;
    private final PlatformTransactionManager transactionManager;

    BatchConfiguration(DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.dataSource = dataSource;
        this.transactionManager = transactionManager;
    }

    @Override
    protected DataSource getDataSource() {
        return dataSource;
    }

    @Override
    protected PlatformTransactionManager getTransactionManager() {
        return transactionManager;
    }

    /** Flyway's V1 creates the job repository's tables in PostgreSQL's dialect: there is no other database to detect. */
    @Override
    protected String getDatabaseType() {
        return DatabaseType.POSTGRES.name();
    }
}
