package org.kollussuite.console;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every test the one running {@link ConsoleSuite}: started by the first test that asks for it and
 * stopped when the whole run ends, so the five processes boot once for all the console's tests. A suite
 * that failed to start fails every later test at once instead of being booted again for each.
 */
public final class ConsoleSuiteExtension implements ParameterResolver {

    /** The reason the suite could not start. */
    private record FailedStart(Throwable cause) {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ConsoleSuite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Object started = context.getRoot().getStore(ExtensionContext.Namespace.create(ConsoleSuiteExtension.class))
                .computeIfAbsent(ConsoleSuite.class, type -> {
                    try {
                        return ConsoleSuite.start();
                    } catch (RuntimeException | AssertionError e) {
                        return new FailedStart(e);
                    }
                });
        if (started instanceof FailedStart failed) {
            throw new ParameterResolutionException("the suite did not start", failed.cause());
        }
        return started;
    }
}
