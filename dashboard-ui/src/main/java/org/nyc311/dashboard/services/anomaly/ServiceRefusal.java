package org.nyc311.dashboard.services.anomaly;

import java.util.function.Supplier;
import org.nyc311.dashboard.services.ServiceUnavailableException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.client.HttpClientErrorException;

/**
 * anomaly-service answered a write with a 4xx problem detail (an alert acknowledged already, a label that changes
 * nothing, a blank note too long): the analyst's request, not an outage. The message is the service's detail.
 */
public class ServiceRefusal extends RuntimeException {

    ServiceRefusal(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code call}'s answer; a 4xx answer becomes a refusal with the service's detail, any other failure stays. */
    static <T> T unwrap(Supplier<T> call) {
        try {
            return call.get();
        } catch (ServiceUnavailableException e) {
            if (e.getCause() instanceof HttpClientErrorException refused) {
                ProblemDetail problem = null;
                try {
                    problem = refused.getResponseBodyAs(ProblemDetail.class);
                } catch (RuntimeException unreadable) {
                    // no problem detail: the status says enough
                }
                String detail = problem != null && problem.getDetail() != null
                        ? problem.getDetail()
                        : "anomaly-service refused it ("
                                + refused.getStatusCode().value() + ")";
                throw new ServiceRefusal(detail, e);
            }
            throw e;
        }
    }
}
