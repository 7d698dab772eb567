package org.nyc311.service.health;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Tells a dependency that could not be reached (worth waiting for) from one that answered no (not worth
 * repeating): the difference between an outage and a bug or a bad input.
 */
public final class DependencyFailures {

    private DependencyFailures() {}

    /**
     * Whether anything in the failure's causes says a server could not be reached or could not answer
     * for now: an I/O error (connection refused or reset, a timeout, an unknown host), a call or a connection
     * from a client's pool that timed out, a JDBC connection
     * failure (SQL state class 08, a server shutting down or starting: 57P01-57P03, a pool that found
     * no connection), an AWS service error 5xx or a throttle.
     */
    public static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof TimeoutException
                    || cause instanceof ApiCallTimeoutException
                    || cause instanceof ApiCallAttemptTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (cause instanceof SdkServiceException service
                    && (service.statusCode() >= 500 || service.isThrottlingException())) {
                return true;
            }
        }
        return false;
    }

    /** The failure and its root cause in one line, which usually names the refused connection. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top =
                failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return root == failure ? top : top + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
