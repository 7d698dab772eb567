package org.nyc311.testsupport.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one server per test JVM, the first time a test class asks for it, and stops it when the
 * whole run ends. Tests receive the server as a constructor or method parameter.
 *
 * <p>When it starts a server, the extension also publishes the server's Spring properties
 * ({@link EmbeddedServer#springProperties()}) as system properties, so that a {@code @SpringBootTest}
 * in the same class finds the server without any wiring of its own.
 */
public abstract class SharedServerExtension<S extends EmbeddedServer> implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create("org.nyc311.testsupport");

    /** How a server of this extension starts; called once per test JVM. */
    @FunctionalInterface
    protected interface Starter<S> {

        /** @param scratch an empty folder under java.io.tmpdir for the server's files, deleted after it stops */
        S start(Path scratch) throws Exception;
    }

    private final Class<S> serverType;
    private final Starter<S> starter;

    protected SharedServerExtension(Class<S> serverType, Starter<S> starter) {
        this.serverType = serverType;
        this.starter = starter;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType().equals(serverType);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private S server(ExtensionContext context) {
        Running<S> running = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(serverType.getName(), key -> startAndPublish(), Running.class);
        return serverType.cast(running.server());
    }

    private Running<S> startAndPublish() {
        Path scratch = null;
        try {
            // under java.io.tmpdir, which every user can traverse (PostgreSQL may run as 'nobody')
            scratch = Files.createTempDirectory(
                    Path.of(System.getProperty("java.io.tmpdir")),
                    "nyc311-" + serverType.getSimpleName().toLowerCase(java.util.Locale.ROOT) + "-");
            S server = starter.start(scratch);
            server.springProperties().forEach(System::setProperty);
            return new Running<>(server, scratch);
        } catch (RuntimeException e) {
            deleteQuietly(scratch);
            throw e;
        } catch (Exception e) {
            deleteQuietly(scratch);
            throw new IllegalStateException("could not start " + serverType.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(@Nullable Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // leftovers in the temp folder are harmless; a failed clean-up must not fail the run
        }
    }

    private record Running<S extends EmbeddedServer>(S server, Path scratch)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            try {
                server.close();
            } finally {
                deleteQuietly(scratch);
            }
        }
    }
}
