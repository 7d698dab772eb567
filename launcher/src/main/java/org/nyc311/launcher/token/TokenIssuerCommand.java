package org.nyc311.launcher.token;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.nyc311.model.access.ApiScope;
import org.nyc311.testsupport.tokens.TokenIssuer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nyc311 token-issuer}: the token issuer {@code ./nyc311 up} runs in its own JVM, as a process of its own for
 * docker-compose, where the services reach it by its service name. Hidden: people use {@code up} or compose.
 *
 * <p>Its app clients are the ones {@code up} registers, each with its secret from the environment
 * ({@code NYC311_CLIENT_SECRET_<CLIENT>}, the client id in upper case with '-' as '_'); a client without a secret
 * is not registered.
 */
@Command(
        name = "token-issuer",
        hidden = true,
        mixinStandardHelpOptions = true,
        description = "Run the local token issuer (docker-compose's stand-in for the Cognito user pool) until stopped.")
public final class TokenIssuerCommand implements Callable<Integer> {

    /** The app clients and their scopes, as {@code ./nyc311 up} and the Cognito template give them. */
    static final Map<String, EnumSet<ApiScope>> CLIENTS = Map.of(
            "anomaly-service", EnumSet.of(ApiScope.READ),
            "dashboard-ui", EnumSet.allOf(ApiScope.class),
            "local-analyst", EnumSet.allOf(ApiScope.class));

    @Option(names = "--bind", description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    private String bind = "127.0.0.1";

    @Option(names = "--port", description = "The port (default: ${DEFAULT-VALUE}).")
    private int port = 9096;

    @Option(
            names = "--issuer",
            description = "The issuer URI the services are configured with, when it is not "
                    + "http://<bind>:<port> (in compose: http://token-issuer:9096).")
    private URI issuer;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    public TokenIssuerCommand() {
        this(System.getenv());
    }

    TokenIssuerCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try (TokenIssuer tokens = start()) {
            out.println("token issuer " + tokens.issuer() + " listening on " + bind + ":" + tokens.port()
                    + ", clients: " + String.join(", ", registerClients(tokens)));
            out.flush();
            new CountDownLatch(1).await();
        }
        return 0;
    }

    /** Starts the issuer, with no client yet. */
    TokenIssuer start() {
        return TokenIssuer.start(new InetSocketAddress(bind, port), issuer);
    }

    /** Registers every client whose secret is set; answers their ids. */
    List<String> registerClients(TokenIssuer tokens) {
        List<String> names = new ArrayList<>();
        CLIENTS.forEach((client, scopes) -> {
            String secret = environment.get(secretVariable(client));
            if (secret != null && !secret.isBlank()) {
                tokens.register(client, secret, scopes);
                names.add(client);
            }
        });
        Collections.sort(names);
        return names;
    }

    static String secretVariable(String client) {
        return "NYC311_CLIENT_SECRET_" + client.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
