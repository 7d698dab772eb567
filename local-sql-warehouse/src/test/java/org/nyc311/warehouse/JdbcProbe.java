package org.nyc311.warehouse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A plain JVM's JDBC client, run by the test with nothing but this class and the Kyuubi Hive JDBC jar
 * on its classpath: proof that a service without Spark (forecast-service) can query the warehouse.
 * The driver registers itself for {@code jdbc:hive2:} through {@code java.sql.Driver}'s service loader.
 * Prints each row as comma-separated values.
 */
public final class JdbcProbe {

    private JdbcProbe() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String sql = args[1];
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    line.append(i > 1 ? "," : "").append(rows.getString(i));
                }
                System.out.println(line);
            }
        }
    }
}
