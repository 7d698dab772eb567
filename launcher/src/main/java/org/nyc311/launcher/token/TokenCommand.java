package org.nyc311.launcher.token;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.nyc311.launcher.up.LocalPlatform;
import org.nyc311.model.access.ApiScope;
import org.nyc311.testsupport.tokens.ClientCredentials;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./nyc311 token}: an access token for the local analyst, from the platform {@code ./nyc311 up} runs, for
 * curl ({@code -H "Authorization: Bearer $(./nyc311 token)"}) and Swagger UI's Authorize button.
 */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Print an access token for the APIs of the platform ./nyc311 up runs (the local analyst's).")
public final class TokenCommand implements Callable<Integer> {

    @Option(
            names = "--scope",
            description = "Ask for these scopes only, space-separated: nyc311/read, "
                    + "nyc311/operate, nyc311/forecast (default: all three).")
    private String scope;

    @Option(names = "--workdir", description = "The run folder of ./nyc311 up (default: ${DEFAULT-VALUE}).")
    private Path workDirectory = Path.of(".nyc311", "run");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (scope != null) {
            for (String name : scope.trim().split("\\s+")) {
                try {
                    ApiScope.of(name);
                } catch (IllegalArgumentException unknown) {
                    err.println(unknown.getMessage());
                    return 2;
                }
            }
        }
        Path file = workDirectory.resolve(LocalPlatform.ANALYST_FILE);
        if (!Files.isRegularFile(file)) {
            err.println("no platform is running with run folder "
                    + workDirectory.toAbsolutePath().normalize() + " (" + file.getFileName()
                    + " is absent): start it with ./nyc311 up, or name its --workdir");
            return 1;
        }
        Properties client = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            client.load(in);
        }
        try {
            String token = ClientCredentials.token(
                    URI.create(client.getProperty("token-uri")),
                    client.getProperty("client-id"),
                    client.getProperty("client-secret"),
                    scope);
            spec.commandLine().getOut().println(token);
            return 0;
        } catch (IllegalStateException refused) {
            err.println(refused.getMessage());
            return 1;
        }
    }
}
