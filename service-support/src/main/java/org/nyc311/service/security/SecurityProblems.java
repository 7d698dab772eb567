package org.nyc311.service.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.nyc311.model.access.ApiScope;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The API's refusals of a caller, as problem details like every other error of these services: a missing or invalid
 * token is a 401 that says what to send, a token without the scope a 403 that names the scope needed and those
 * held, and a URL the firewall refuses (an encoded '%' or '/', a control character) a 400. The 401 and 403 keep the
 * {@code WWW-Authenticate} header RFC 6750 asks for, written by Spring Security's own bearer-token handlers.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private final ObjectMapper json;
    private final AuthenticationEntryPoint bearerChallenge = new BearerTokenAuthenticationEntryPoint();
    private final AccessDeniedHandler bearerDenial = new BearerTokenAccessDeniedHandler();

    SecurityProblems(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, ServletException {
        bearerChallenge.commence(request, response, e);
        boolean tokenSent = request.getHeader("Authorization") != null;
        String detail = tokenSent
                ? "the bearer token was refused (" + e.getMessage() + "); ask the token issuer for a new one"
                : "this API needs a bearer token: send 'Authorization: Bearer <token>' (locally, `./nyc311 token` prints one)";
        write(response, HttpStatus.UNAUTHORIZED, "Unauthorized", detail, request, Map.of());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException, ServletException {
        bearerDenial.handle(request, response, e);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/api/")) {
            write(
                    response,
                    HttpStatus.FORBIDDEN,
                    "Forbidden",
                    request.getMethod() + " " + request.getRequestURI() + " is not part of this API: no scope opens it",
                    request,
                    Map.of());
            return;
        }
        String needed = ApiScope.requiredFor(request.getMethod(), path).value();
        List<String> held = heldScopes();
        write(
                response,
                HttpStatus.FORBIDDEN,
                "Forbidden",
                request.getMethod() + " " + request.getRequestURI() + " needs the scope " + needed
                        + "; the token holds " + (held.isEmpty() ? "none" : String.join(" ", held)),
                request,
                Map.of("requiredScope", needed));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        write(
                response,
                HttpStatus.BAD_REQUEST,
                "Bad request",
                "the request's URL or headers are refused before they reach the API: " + e.getMessage(),
                request,
                Map.of());
    }

    private static List<String> heldScopes() {
        var caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null) {
            return List.of();
        }
        return caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("SCOPE_"))
                .map(authority -> authority.substring(6))
                .toList();
    }

    private void write(
            HttpServletResponse response,
            HttpStatus status,
            String title,
            String detail,
            HttpServletRequest request,
            Map<String, Object> members)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        try {
            problem.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException notAUri) {
            // a URL the firewall refused may not be one: the problem then has no instance
        }
        members.forEach(problem::setProperty);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
