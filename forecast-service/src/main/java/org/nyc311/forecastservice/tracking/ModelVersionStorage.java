package org.nyc311.forecastservice.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nyc311.forecastservice.config.MlflowProperties;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Writes a Unity Catalog model version's files into the version's own storage location, as MLflow's Python client
 * does before it finalizes a version ({@code mlflow/store/_unity_catalog/registry/rest_store.py},
 * {@code UcModelRegistryStore.create_model_version}: {@code model-versions/create} answers with the version's
 * {@code storage_location}; {@code _get_temporary_model_version_write_credentials} asks
 * {@code POST /api/2.0/mlflow/unity-catalog/model-versions/generate-temporary-credentials} with
 * {@code {"name", "version", "operation": "MODEL_VERSION_OPERATION_READ_WRITE"}}; the answer's
 * {@code credentials.aws_temp_credentials} (access_key_id, secret_access_key, session_token) write the folder to
 * that {@code s3://} location, {@code mlflow/utils/_unity_catalog_utils.py}, with the SSE-KMS key of
 * {@code credentials.encryption_details} when there is one; then {@code model-versions/finalize}). The messages are
 * MLflow's {@code databricks_uc_registry_messages.proto}, the paths its {@code databricks_uc_registry_service.proto}.
 *
 * <p>Only S3 is written: the deployment is on AWS. Azure's SAS, GCP's token, R2 and the workspace's default storage
 * (presigned URLs) are refused with what was answered, and the version stays unfinalized; the next training makes
 * a new one.
 */
final class ModelVersionStorage {

    /** The operation MLflow's client asks for, by its proto enum name (proto3 JSON). */
    static final String READ_WRITE = "MODEL_VERSION_OPERATION_READ_WRITE";

    private final MlflowProperties.ModelStorage settings;

    ModelVersionStorage(MlflowProperties.ModelStorage settings) {
        this.settings = settings;
    }

    /**
     * Puts every file under {@code storageLocation} ({@code s3://bucket/prefix}) with the vended
     * {@code credentials} (the {@code credentials} object of the answer).
     */
    void write(String storageLocation, JsonNode credentials, Map<String, byte[]> files) throws IOException {
        URI location = URI.create(storageLocation);
        JsonNode aws = credentials.path("aws_temp_credentials");
        if (!"s3".equals(location.getScheme()) || aws.isMissingNode()) {
            List<String> answered = new ArrayList<>();
            credentials.fieldNames().forEachRemaining(answered::add);
            throw new IOException("model version storage " + storageLocation + " came with credentials " + answered
                    + "; only an s3:// location with aws_temp_credentials is written here");
        }
        String bucket = location.getHost();
        String prefix = location.getPath().replaceAll("^/+|/+$", "");
        JsonNode sse = credentials.path("encryption_details").path("sse_encryption_details");
        boolean kms = "AWS_SSE_KMS".equals(sse.path("algorithm").asText());
        try (S3Client s3 = client(aws)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                PutObjectRequest.Builder put = PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(prefix.isEmpty() ? file.getKey() : prefix + "/" + file.getKey());
                if (kms) {
                    // the bucket's policy may refuse a put without the key the credentials were vended for
                    put.serverSideEncryption(ServerSideEncryption.AWS_KMS);
                    if (sse.hasNonNull("aws_kms_key_arn")) {
                        put.ssekmsKeyId(sse.path("aws_kms_key_arn").asText());
                    }
                }
                s3.putObject(put.build(), RequestBody.fromBytes(file.getValue()));
            }
        } catch (SdkException e) {
            throw new IOException(
                    "writing the model version's files to " + storageLocation + " failed: " + e.getMessage(), e);
        }
    }

    private S3Client client(JsonNode aws) {
        S3ClientBuilder builder = S3Client.builder()
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        aws.path("access_key_id").asText(),
                        aws.path("secret_access_key").asText(),
                        aws.path("session_token").asText())))
                // the metastore's bucket may be in another region than the service's
                .crossRegionAccessEnabled(true)
                .forcePathStyle(settings.pathStyleAccess());
        String region = settings.region();
        if (region != null) {
            builder.region(Region.of(region));
        }
        URI endpoint = settings.endpoint();
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}
