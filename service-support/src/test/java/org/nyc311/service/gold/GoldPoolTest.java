package org.nyc311.service.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pool against the real Hive JDBC driver, with nothing listening where the warehouse should be. */
class GoldPoolTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void poolStartsWithoutTheWarehouse() throws Exception {
        Settings settings = new Settings(
                "org.apache.kyuubi.jdbc.KyuubiHiveDriver",
                "jdbc:hive2://127.0.0.1:" + closedPort() + "/default;transportMode=http;httpPath=cliservice",
                null,
                null,
                3,
                Duration.ofMillis(500));

        try (HikariDataSource pool = GoldPool.open(settings, registry)) {
            assertThat(pool.isRunning()).isTrue();
            assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class);
            // still there for the next caller, once the warehouse is back
            assertThat(pool.isRunning()).isTrue();
        }
    }

    @Test
    void thePoolIsNamedGoldAndTakesItsSettings() throws Exception {
        Settings settings = new Settings(
                "org.apache.kyuubi.jdbc.KyuubiHiveDriver",
                "jdbc:hive2://127.0.0.1:" + closedPort() + "/default",
                "token",
                "secret",
                4,
                Duration.ofSeconds(7));

        try (HikariDataSource pool = GoldPool.open(settings, registry)) {
            assertThat(pool.getPoolName()).isEqualTo("gold");
            assertThat(pool.getDriverClassName()).isEqualTo("org.apache.kyuubi.jdbc.KyuubiHiveDriver");
            assertThat(pool.getJdbcUrl()).isEqualTo(settings.url());
            assertThat(pool.getUsername()).isEqualTo("token");
            assertThat(pool.getPassword()).isEqualTo("secret");
            assertThat(pool.getMaximumPoolSize()).isEqualTo(4);
            assertThat(pool.getMinimumIdle()).isZero();
            assertThat(pool.getConnectionTimeout()).isEqualTo(7_000);
            assertThat(pool.getConnectionTestQuery()).isEqualTo("SELECT 1");
        }
    }

    @Test
    void noUserOrPasswordIsSentWhenNoneIsConfigured() throws Exception {
        Settings settings = new Settings(
                "org.apache.kyuubi.jdbc.KyuubiHiveDriver",
                "jdbc:hive2://127.0.0.1:" + closedPort() + "/default",
                null,
                null,
                2,
                Duration.ofSeconds(1));

        try (HikariDataSource pool = GoldPool.open(settings, registry)) {
            assertThat(pool.getUsername()).isNull();
            assertThat(pool.getPassword()).isNull();
        }
    }

    @Test
    void thePoolsMetersAreTaggedGold() throws Exception {
        Settings settings = new Settings(
                "org.apache.kyuubi.jdbc.KyuubiHiveDriver",
                "jdbc:hive2://127.0.0.1:" + closedPort() + "/default",
                null,
                null,
                2,
                Duration.ofSeconds(1));

        try (HikariDataSource pool = GoldPool.open(settings, registry)) {
            assertThat(registry.find("hikaricp.connections.max")
                            .tag("pool", "gold")
                            .gauge())
                    .isNotNull()
                    .satisfies(gauge -> assertThat(gauge.value()).isEqualTo(2.0));
        }
    }

    /** A port nothing listens on: taken from the system, then let go. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Settings(
            String driverClassName,
            String url,
            String username,
            String password,
            int maximumPoolSize,
            Duration connectionTimeout)
            implements GoldConnectionSettings {}
}
