package org.kollussuite.endtoend;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every test the one running {@link Suite}: started by the first test that asks for it, stopped when
 * the whole run ends, so the services boot once for all end-to-end tests.
 */
final class SuiteExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Suite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(SuiteExtension.class))
                .computeIfAbsent(Suite.class, type -> Suite.start(), Suite.class);
    }
}
