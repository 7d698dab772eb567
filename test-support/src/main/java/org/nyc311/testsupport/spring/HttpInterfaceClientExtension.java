package org.nyc311.testsupport.spring;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * {@code @ExtendWith(HttpInterfaceClientExtension.class)} on a contract test, a {@code @SpringBootTest} on a random
 * port: a test method's parameter of a service's HTTP interface (an interface with {@code @HttpExchange} methods) is
 * that interface's client of the test's server ({@link HttpInterfaceClients#onLocalPort}, through the context's
 * {@code RestClient.Builder}), so that the test does not build it in a set-up method of its own.
 */
public final class HttpInterfaceClientExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type.isInterface()
                && Arrays.stream(type.getMethods()).anyMatch(HttpInterfaceClientExtension::isExchange);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ApplicationContext spring = SpringExtension.getApplicationContext(context);
        Integer port = spring.getEnvironment().getProperty("local.server.port", Integer.class);
        if (port == null) {
            throw new IllegalStateException("no server port: the test must be a @SpringBootTest on a random port");
        }
        return HttpInterfaceClients.onLocalPort(
                spring.getBean(RestClient.Builder.class),
                port,
                parameter.getParameter().getType());
    }

    private static boolean isExchange(Method method) {
        return AnnotatedElementUtils.hasAnnotation(method, HttpExchange.class);
    }
}
