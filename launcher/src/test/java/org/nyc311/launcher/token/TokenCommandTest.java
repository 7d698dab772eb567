package org.nyc311.launcher.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.launcher.up.LocalPlatform;
import org.nyc311.model.access.ApiScope;
import org.nyc311.testsupport.tokens.TokenIssuer;
import picocli.CommandLine;

/** {@code ./nyc311 token} against a real issuer, with the analyst file {@code ./nyc311 up} writes. */
class TokenCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void printsTheAnalystsTokenWithTheScopeAskedFor(@TempDir Path work) throws Exception {
        try (TokenIssuer tokens =
                TokenIssuer.start(0).register("local-analyst", "s3cret", EnumSet.allOf(ApiScope.class))) {
            Files.writeString(
                    work.resolve(LocalPlatform.ANALYST_FILE),
                    "token-uri=" + tokens.tokenUri() + "\nclient-id=local-analyst\nclient-secret=s3cret\n");

            int exit = run("--workdir", work.toString(), "--scope", "nyc311/read");

            assertThat(exit).as(err.toString()).isZero();
            String token = out.toString().trim();
            var claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
            assertThat(claims.path("scope").asText()).isEqualTo("nyc311/read");
            assertThat(claims.path("client_id").asText()).isEqualTo("local-analyst");
        }
    }

    @Test
    void withoutARunningPlatformItSaysHowToStartOne(@TempDir Path work) {
        assertThat(run("--workdir", work.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no platform is running").contains("./nyc311 up");
    }

    @Test
    void anUnknownScopeIsRefusedNamingTheScopes(@TempDir Path work) {
        assertThat(run("--workdir", work.toString(), "--scope", "admin")).isEqualTo(2);
        assertThat(err.toString()).contains("nyc311/read, nyc311/operate and nyc311/forecast");
    }

    private int run(String... args) {
        return new CommandLine(new TokenCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }
}
