package org.nyc311.service.web.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.List;
import org.nyc311.model.access.ApiScope;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.HandlerMethod;

/**
 * The problem details (RFC 9457, {@code application/problem+json}) every operation can answer, as
 * service-support's {@code ApiProblemHandler} gives them, added to each operation's documented responses
 * unless the operation documents that status itself:
 *
 * <ul>
 *   <li>400: a parameter or body the API refuses, or a request it cannot read (a multipart Content-Type
 *       without a boundary, a malformed media type), on every operation;</li>
 *   <li>401: no bearer token, or one the issuer did not sign or that has expired; 403: a token without the scope
 *       the operation needs (service-support's {@code ApiSecurityAutoConfiguration}), on every operation, which
 *       also names the bearer scheme and that scope as its security requirement;</li>
 *   <li>404: nothing under the path's identifiers, on operations with path variables;</li>
 *   <li>406: an Accept header the operation cannot answer, on every operation;</li>
 *   <li>415: a body in a media type other than JSON, on operations that take a body;</li>
 *   <li>503 with Retry-After: a store the service needs cannot be reached, on every operation.</li>
 * </ul>
 *
 * Statuses particular to an operation (409 for a run already going, 404 for a run id in a query) are
 * declared on the operation itself with {@code @ApiResponse}; every 4xx and 5xx gets the problem-details body.
 */
public class ProblemResponses implements GlobalOperationCustomizer {

    static final String PROBLEM_DETAIL = "ProblemDetail";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String BEARER_SCHEME = "bearerToken";

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        add(
                responses,
                "400",
                "Bad request: a parameter or body this API refuses (the detail says which and what it accepts), "
                        + "or a request it cannot read");
        add(
                responses,
                "401",
                "Unauthorized: no bearer token, or one this API does not accept (expired, or from another "
                        + "issuer); send 'Authorization: Bearer <token>'");
        add(
                responses,
                "403",
                "Forbidden: the token does not hold the scope this operation needs (the detail names it)");
        boolean hasPathVariables = Arrays.stream(handlerMethod.getMethodParameters())
                .anyMatch(p -> p.hasParameterAnnotation(PathVariable.class));
        if (hasPathVariables) {
            add(responses, "404", "Not found: nothing here has the identifiers of the path");
        }
        add(responses, "406", "Not acceptable: the Accept header names no media type this operation answers in");
        if (operation.getRequestBody() != null) {
            add(responses, "415", "Unsupported media type: the body must be application/json");
        }
        add(
                responses,
                "503",
                "Service unavailable: a store this service needs cannot be reached; nothing was changed, "
                        + "try again after Retry-After seconds");
        // every error of these APIs is a problem detail: an operation's own @ApiResponse says when and why, not the
        // body
        responses.forEach((status, response) -> {
            if (status.matches("[45]\\d\\d")) {
                response.setContent(problemContent());
            }
        });
        operation.setResponses(responses);
        return operation;
    }

    /** The bearer scheme every operation names: a JWT from the platform's token issuer. */
    static void addBearerScheme(OpenAPI openApi) {
        openApi.getComponents()
                .addSecuritySchemes(
                        BEARER_SCHEME,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description(
                                        "An access token from the platform's token issuer (the Cognito user pool in production; "
                                                + "locally `./nyc311 token [--scope S]` prints one). Scopes: nyc311/read for every GET, "
                                                + "nyc311/forecast for POST /api/v1/forecasts, nyc311/operate for every other change."));
        if (openApi.getPaths() == null) {
            return;
        }
        // an HTTP scheme's requirement lists no scopes (OpenAPI 3.0), so the scope the security chain checks for an
        // operation's method and path is an extension of its own
        openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER_SCHEME)));
                    operation.addExtension(
                            "x-required-scope",
                            ApiScope.requiredFor(method.name(), path).value());
                }));
    }

    private static void add(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, problem(description));
        }
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }

    private static Content problemContent() {
        return new Content()
                .addMediaType(
                        PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_DETAIL)));
    }

    /** The ProblemDetail schema the responses refer to: RFC 9457's members, and the extra ones a service adds. */
    static void addProblemDetailSchema(OpenAPI openApi) {
        Schema<?> problem = new ObjectSchema()
                .description(
                        "An RFC 9457 problem detail; a refusal may carry members of its own (e.g. the id of the run in the way)")
                .addProperty("type", new StringSchema().description("about:blank"))
                .addProperty("title", new StringSchema().description("the kind of problem"))
                .addProperty("status", new IntegerSchema().description("the HTTP status"))
                .addProperty("detail", new StringSchema().description("what went wrong and what to change"))
                .addProperty("instance", new StringSchema().description("the request's path"));
        problem.setAdditionalProperties(true);
        openApi.getComponents().addSchemas(PROBLEM_DETAIL, problem);
    }
}
