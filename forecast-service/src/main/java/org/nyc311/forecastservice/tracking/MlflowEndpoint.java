package org.nyc311.forecastservice.tracking;

import com.databricks.sdk.core.DatabricksConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.mlflow.tracking.creds.MlflowHostCreds;
import org.mlflow.tracking.creds.MlflowHostCredsProvider;
import org.nyc311.forecastservice.config.MlflowProperties;

/**
 * Where MLflow's REST API is and how a call signs in: a tracking server of its own (no credentials), or a Databricks
 * workspace, {@code https://<workspace>/api/2.0/mlflow/...}, with the Databricks SDK's credentials (a service
 * principal's OAuth M2M token, renewed by the SDK before it expires, or a personal access token).
 *
 * <p>The MLflow Java client asks its credentials provider before every call, so it gets the current token from here
 * too; its own {@code databricks} provider reads only a token from the environment or {@code ~/.databrickscfg}.
 */
final class MlflowEndpoint implements MlflowHostCredsProvider {

    private static final String BEARER = "Bearer ";

    private final String base;
    private final @Nullable DatabricksConfig databricks;

    private MlflowEndpoint(String base, @Nullable DatabricksConfig databricks) {
        this.base = base.replaceAll("/+$", "");
        this.databricks = databricks;
    }

    static MlflowEndpoint of(MlflowProperties properties) {
        if (properties.onDatabricks()) {
            DatabricksConfig config = properties.databricks().credentials().config("nyc311.mlflow.databricks");
            return new MlflowEndpoint(config.getHost(), config);
        }
        String trackingUri = properties.trackingUri();
        if (trackingUri == null) {
            throw new IllegalStateException("set nyc311.mlflow.tracking-uri to track trainings");
        }
        return new MlflowEndpoint(trackingUri, null);
    }

    /** The server's root: the tracking URI, or the workspace URL. */
    String base() {
        return base;
    }

    boolean onDatabricks() {
        return databricks != null;
    }

    /** A request to {@code uri} carrying the current credentials, if any. */
    HttpRequest.Builder request(URI uri) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        String authorization = authorization();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private @Nullable String authorization() throws IOException {
        if (databricks == null) {
            return null;
        }
        try {
            return databricks.authenticate().get("Authorization");
        } catch (RuntimeException e) {
            // the token endpoint refused or could not be reached: an outage or a revoked secret, told as I/O
            throw new IOException("could not sign in to Databricks at " + base + ": " + e.getMessage(), e);
        }
    }

    @Override
    public MlflowHostCreds getHostCreds() {
        String token = null;
        if (databricks != null) {
            String authorization = databricks.authenticate().get("Authorization");
            token = authorization != null && authorization.startsWith(BEARER)
                    ? authorization.substring(BEARER.length())
                    : authorization;
        }
        return new BasicMlflowHostCreds(base, token);
    }

    @Override
    public void refresh() {
        // the SDK renews its token itself, before it expires
    }
}
