package org.kollussuite.console;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every test the one running {@link ConsoleSuite}: started by the first test that asks for it and
 * stopped when the whole run ends, so the five processes boot once for all the console's tests.
 */
public final class ConsoleSuiteExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ConsoleSuite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(ConsoleSuiteExtension.class))
                .computeIfAbsent(ConsoleSuite.class, type -> ConsoleSuite.start(), ConsoleSuite.class);
    }
}
