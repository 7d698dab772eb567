package org.nyc311.testsupport.tokens;

import java.nio.file.Path;
import java.util.EnumSet;
import org.nyc311.model.access.ApiScope;
import org.nyc311.testsupport.junit.SharedServerExtension;

/**
 * {@code @ExtendWith(TokenIssuerExtension.class)}: one {@link TokenIssuer} per test JVM. A {@code @SpringBootTest}
 * in the class then trusts its tokens (the issuer URI is published as a system property), and a service that calls
 * another gets the test's app client ({@link #CLIENT_ID}, every scope) through the same variables production sets.
 */
public final class TokenIssuerExtension extends SharedServerExtension<TokenIssuer> {

    public static final String CLIENT_ID = "nyc311-test";
    public static final String CLIENT_SECRET = "test-client-secret";

    public TokenIssuerExtension() {
        super(TokenIssuer.class, TokenIssuerExtension::start);
    }

    private static TokenIssuer start(Path scratch) {
        TokenIssuer issuer = TokenIssuer.start(0).register(CLIENT_ID, CLIENT_SECRET, EnumSet.allOf(ApiScope.class));
        // read by the callers' configuration as ${NYC311_SERVICE_...}, as the environment is in production
        System.setProperty("NYC311_SERVICE_TOKEN_URI", issuer.tokenUri().toString());
        System.setProperty("NYC311_SERVICE_CLIENT_ID", CLIENT_ID);
        System.setProperty("NYC311_SERVICE_CLIENT_SECRET", CLIENT_SECRET);
        return issuer;
    }
}
