package org.nyc311.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nyc311.dashboard.DashboardApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Outside the local profile the dashboard refuses to start without its OIDC login, and names every setting that is
 * missing: a deployment that forgot them fails at once, in words, instead of running with no login or failing later
 * on the first one Spring happens to read. The app is started for real (it never gets as far as listening); the
 * local profile needs none of them (HealthEndpointIT, DashboardBrowserIT).
 */
class LoginRequiredTest {

    @Test
    void withoutAnyLoginSettingTheDashboardDoesNotStartAndNamesThemAll() {
        assertThatThrownBy(() -> start())
                .isInstanceOf(LoginNotConfiguredException.class)
                .hasMessageContaining("issuer (NYC311_OIDC_ISSUER_URI)")
                .hasMessageContaining("client id (NYC311_OIDC_CLIENT_ID)")
                .hasMessageContaining("client secret (NYC311_OIDC_CLIENT_SECRET)")
                // Boot's "APPLICATION FAILED TO START" report, what an operator reads in the log, says what to do
                .satisfies(refusal -> assertThat(new LoginNotConfiguredFailureAnalyzer()
                                .analyze(refusal)
                                .getAction())
                        .contains(
                                "NYC311_OIDC_ISSUER_URI",
                                "NYC311_OIDC_CLIENT_ID",
                                "NYC311_OIDC_CLIENT_SECRET",
                                "SPRING_PROFILES_ACTIVE=local"));
    }

    @Test
    void aMissingClientSecretIsNamedAlone() {
        // the issuer is never asked: the check comes before the OIDC client reads its discovery document
        assertThatThrownBy(() -> start(
                        "--NYC311_OIDC_ISSUER_URI=http://127.0.0.1:9/nowhere", "--NYC311_OIDC_CLIENT_ID=dashboard"))
                .isInstanceOf(LoginNotConfiguredException.class)
                .hasMessageContaining("client secret (NYC311_OIDC_CLIENT_SECRET)")
                .hasMessageNotContaining("NYC311_OIDC_ISSUER_URI")
                .hasMessageNotContaining("NYC311_OIDC_CLIENT_ID");
    }

    private static ConfigurableApplicationContext start(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--server.port=0";
        all[1] = "--spring.main.banner-mode=off";
        all[2] = "--logging.level.root=WARN";
        System.arraycopy(args, 0, all, 3, args.length);
        return new SpringApplicationBuilder(DashboardApplication.class).run(all);
    }
}
