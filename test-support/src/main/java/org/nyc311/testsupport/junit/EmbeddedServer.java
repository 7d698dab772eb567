package org.nyc311.testsupport.junit;

import java.util.Map;

/** A real server running on 127.0.0.1 for tests or for {@code ./nyc311 up}. */
public interface EmbeddedServer extends AutoCloseable {

    /** The Spring Boot properties that point an application at this server. */
    Map<String, String> springProperties();

    @Override
    void close();
}
