package org.nyc311.service.web;

import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one problem-details handler of every service (RFC 9457, {@code application/problem+json}).
 * Spring MVC's own exceptions (a parameter of the wrong type, unreadable JSON, an unsupported media
 * type, a missing route) keep the statuses Spring gives them through the base class; on top of that:
 *
 * <ul>
 *   <li>{@link ApiProblemException}: the status, title, detail and members the service chose;</li>
 *   <li>an argument the service's own checks or shared-model's parsers refuse
 *       ({@link IllegalArgumentException}, e.g. an unknown borough or a malformed series id): 400, titled
 *       {@link #invalidRequestTitle()};</li>
 *   <li>a date the calendar cannot hold ({@link DateTimeException}): 400;</li>
 *   <li>a multipart body that cannot be read (a {@code multipart/form-data} Content-Type without a
 *       boundary fails every request, GETs included, before any controller) and a malformed media
 *       type: 400;</li>
 *   <li>a store that cannot be reached (the connection refused or timed out, a transaction that cannot
 *       begin, a transient failure): 503 with Retry-After, wherever in the cause chain it sits;</li>
 *   <li>anything else: a 500 that names a reference to the log and nothing of the internals.</li>
 * </ul>
 *
 * A service extends this class with {@code @RestControllerAdvice} for what is particular to it; a
 * service with nothing particular gets it from {@link ApiProblemsAutoConfiguration}.
 */
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiProblemHandler.class);

    private final ApiProperties properties;

    public ApiProblemHandler(ApiProperties properties) {
        this.properties = properties;
    }

    /** A problem detail of this API's shape: type {@code about:blank}, the status, a title and a detail. */
    public static ProblemDetail problem(HttpStatusCode status, String title, @Nullable String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        problem.setTitle(title);
        return problem;
    }

    private static ResponseEntity<ProblemDetail> badRequest(String title, @Nullable String detail) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, title, detail));
    }

    @ExceptionHandler(ApiProblemException.class)
    public ResponseEntity<ProblemDetail> apiProblem(ApiProblemException e) {
        ProblemDetail problem = problem(e.status(), e.title(), e.detail());
        e.properties().forEach(problem::setProperty);
        if (e instanceof ServiceUnavailableException unavailable) {
            return unavailable(problem, unavailable.retryAfter().orElse(null));
        }
        if (e instanceof TooManyRequestsException busy) {
            return withRetryAfter(
                    HttpStatus.TOO_MANY_REQUESTS, problem, busy.retryAfter().orElse(null));
        }
        return ResponseEntity.status(e.status()).body(problem);
    }

    /**
     * The title of the 400 for a refused argument: "Bad request" unless a service names the kind of
     * request it refuses (ingest-service: "Invalid ingestion request").
     */
    protected String invalidRequestTitle() {
        return "Bad request";
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<ProblemDetail> invalidRequest(IllegalArgumentException e) {
        return badRequest(invalidRequestTitle(), e.getMessage());
    }

    @ExceptionHandler(DateTimeException.class)
    public ResponseEntity<ProblemDetail> badDate(DateTimeException e) {
        return badRequest(
                "Bad date",
                "a date in the request is not one the calendar can hold or this API can serve (from "
                        + properties.dates().earliest() + " to "
                        + properties.dates().yearsAhead()
                        + " years ahead): " + e.getMessage());
    }

    @ExceptionHandler(MultipartException.class)
    public ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException e) {
        // the container's message says which part of the body failed; ours says what to send instead
        return badRequest(
                "Unreadable multipart request",
                "the request says it is multipart but its body cannot be read as such (a multipart Content-Type needs a "
                        + "boundary parameter); send no Content-Type with a GET, and application/json with a JSON body");
    }

    @ExceptionHandler(InvalidMediaTypeException.class)
    public ResponseEntity<ProblemDetail> malformedMediaType(InvalidMediaTypeException e) {
        return badRequest(
                "Malformed media type",
                "a Content-Type or Accept header is not a media type: '" + e.getMediaType() + "'");
    }

    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class,
        RecoverableDataAccessException.class,
        CannotCreateTransactionException.class,
        SQLTransientException.class,
        SQLNonTransientConnectionException.class,
        SQLRecoverableException.class
    })
    public ResponseEntity<ProblemDetail> storeUnavailable(Exception e) {
        LOG.warn(
                "answering 503: a store cannot be reached ({})",
                outageIn(e).orElse(e).toString());
        return unavailable(
                problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "Service unavailable",
                        "a store this service needs cannot be reached right now; nothing was changed, try again later"),
                null);
    }

    /**
     * What no other handler took. An outage wrapped in something else is still a 503; an exception that
     * declares its status with {@code @ResponseStatus} keeps it; anything else is our fault, a 500 whose
     * detail is only a reference to the log line with the cause.
     */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (outageIn(e).isPresent()) {
            return storeUnavailable(e);
        }
        ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(e.getClass(), ResponseStatus.class);
        if (declared != null && declared.code() != HttpStatus.INTERNAL_SERVER_ERROR) {
            String reason = StringUtils.hasText(declared.reason())
                    ? declared.reason()
                    : declared.code().getReasonPhrase();
            return ResponseEntity.status(declared.code())
                    .body(problem(declared.code(), declared.code().getReasonPhrase(), reason));
        }
        String reference = UUID.randomUUID().toString();
        LOG.error("request failed; answered 500 with reference {}", reference, e);
        ProblemDetail problem = problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal server error",
                "the request failed on the service's side; its log has the cause under reference " + reference);
        problem.setProperty("reference", reference);
        return ResponseEntity.internalServerError().body(problem);
    }

    /** A 503 with the Retry-After header: {@code retryAfter}, or {@code nyc311.api.retry-after} when null. */
    protected ResponseEntity<ProblemDetail> unavailable(ProblemDetail problem, @Nullable Duration retryAfter) {
        return withRetryAfter(HttpStatus.SERVICE_UNAVAILABLE, problem, retryAfter);
    }

    /** The problem with a Retry-After in whole seconds: {@code retryAfter}, or {@code nyc311.api.retry-after} when null. */
    private ResponseEntity<ProblemDetail> withRetryAfter(
            HttpStatus status, ProblemDetail problem, @Nullable Duration retryAfter) {
        Duration wait = retryAfter != null ? retryAfter : properties.retryAfter();
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return ResponseEntity.status(status)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(problem);
    }

    /**
     * The first cause that says a store is away: the data-access exceptions above, or a driver's
     * SQLException of the connection class (SQLSTATE 08) or of a server shutting down (57P01-57P03).
     */
    static Optional<Throwable> outageIn(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = e; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return Optional.of(cause);
            }
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }
}
