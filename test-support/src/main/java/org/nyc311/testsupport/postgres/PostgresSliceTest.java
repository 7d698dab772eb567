package org.nyc311.testsupport.postgres;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of a service's {@code @JdbcTest} slice (with {@code @AutoConfigureTestDatabase(replace = NONE)}) on
 * the JVM's embedded PostgreSQL: the datasource points at one database, {@value #DATABASE}, which the service's
 * own Flyway migrations build when the slice starts. Every slice test of a module shares it: each test's
 * transaction is rolled back, and they all migrate the same schema. A test that commits (two "instances" that
 * must see each other's writes) takes a database of its own instead.
 */
@ExtendWith(PostgresServerExtension.class)
public abstract class PostgresSliceTest {

    public static final String DATABASE = "slice_tests";

    // static because JUnit hands the server to a static @BeforeAll and Spring asks a static @DynamicPropertySource
    private static PostgresServer server;

    @BeforeAll
    static void database(PostgresServer started) {
        server = started;
        started.createDatabase(DATABASE);
    }

    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> server.jdbcUrl(DATABASE));
    }
}
