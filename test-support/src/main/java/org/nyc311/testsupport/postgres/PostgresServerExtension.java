package org.nyc311.testsupport.postgres;

import org.nyc311.testsupport.junit.SharedServerExtension;

/** {@code @ExtendWith(PostgresServerExtension.class)}: one PostgreSQL server per test JVM, in a temporary folder. */
public final class PostgresServerExtension extends SharedServerExtension<PostgresServer> {

    public PostgresServerExtension() {
        super(PostgresServer.class, scratch -> PostgresServer.start(scratch, 0));
    }
}
