package org.nyc311.dashboard.security;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The refusal as Spring Boot's "APPLICATION FAILED TO START" report, not a stack trace: the log an operator reads
 * says what is missing and what to do (registered in META-INF/spring.factories).
 */
public class LoginNotConfiguredFailureAnalyzer extends AbstractFailureAnalyzer<LoginNotConfiguredException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LoginNotConfiguredException cause) {
        String action = "Set "
                + cause.missing().stream()
                        .map(setting -> setting.variable() + " (" + setting.property() + ")")
                        .collect(Collectors.joining(", "))
                + ": the provider's issuer and the dashboard's client at it (dashboard-ui/README.md, Login). For the "
                + "local form login instead, start with the local profile (SPRING_PROFILES_ACTIVE=local).";
        return new FailureAnalysis(cause.getMessage(), action, cause);
    }
}
