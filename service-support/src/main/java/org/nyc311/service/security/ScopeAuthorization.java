package org.nyc311.service.security;

import java.util.function.Supplier;
import org.nyc311.model.access.ApiScope;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Grants a request under {@code /api} when the caller's token holds the scope {@link ApiScope#requiredFor} names for
 * its method and path: one rule for every service, so a new endpoint cannot be left open by forgetting a matcher.
 */
final class ScopeAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        Authentication caller = authentication.get();
        if (caller == null || !caller.isAuthenticated()) {
            return new AuthorizationDecision(false);
        }
        String needed = ApiScope.requiredFor(context.getRequest().getMethod(), pathWithinApplication(context))
                .authority();
        boolean granted = caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(needed::equals);
        return new AuthorizationDecision(granted);
    }

    static String pathWithinApplication(RequestAuthorizationContext context) {
        var request = context.getRequest();
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
