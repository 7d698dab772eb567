package org.nyc311.controller.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.UUID;
import org.nyc311.controller.config.LakeProperties;
import org.nyc311.model.pipeline.RunResult;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Reads the job's {@code _pipeline_runs/<runId>/result.json} from the lake bucket: through S3 in
 * production and locally alike (locally the lake root is s3proxy's folder of the bucket).
 */
@Component
public class RunResultReader {

    private final S3Client s3;
    private final String bucket;
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public RunResultReader(S3Client s3, LakeProperties lake) {
        this.s3 = s3;
        this.bucket = lake.bucket();
    }

    public static String key(UUID runId) {
        return "_pipeline_runs/" + runId + "/result.json";
    }

    /** The result of a run whose job reported success; a missing or unreadable result fails the attempt. */
    public RunResult read(UUID runId) {
        String location = "s3://" + bucket + "/" + key(runId);
        byte[] body;
        try {
            body = s3.getObjectAsBytes(request -> request.bucket(bucket).key(key(runId)))
                    .asByteArray();
        } catch (NoSuchKeyException e) {
            throw new ResultUnavailableException("the job reported success but wrote no " + location);
        } catch (SdkException e) {
            // S3 away (or refusing for now): the cause says so, and the worker waits for it rather than run the job
            // again
            throw new ResultUnavailableException("could not read " + location + ": " + e.getMessage(), e);
        }
        RunResult result;
        try {
            result = json.readValue(body, RunResult.class);
        } catch (IOException e) {
            throw new ResultUnavailableException(location + " is not a run result: " + e.getMessage());
        }
        if (!runId.toString().equals(result.runId())) {
            throw new ResultUnavailableException(location + " names run " + result.runId() + ", not " + runId);
        }
        if (result.latestCompleteDate() == null) {
            throw new ResultUnavailableException(location + " has no latestCompleteDate");
        }
        return result;
    }

    /** The attempt cannot be finished: its result is missing or wrong. */
    public static final class ResultUnavailableException extends RuntimeException {
        public ResultUnavailableException(String message) {
            super(message);
        }

        public ResultUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
