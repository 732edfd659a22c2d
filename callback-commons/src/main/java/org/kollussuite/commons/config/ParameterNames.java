package org.kollussuite.commons.config;

import org.kollussuite.commons.callback.CallbackParameters;

import java.util.Arrays;
import java.util.List;

/**
 * A channel setting naming the request parameter a value arrives in, as a channel's Kollus console
 * calls it: a comma list of names tried in order.
 */
public final class ParameterNames {

    private ParameterNames() {
    }

    /**
     * The names in {@code value}; throws {@link IllegalArgumentException} with a sentence for an operator
     * when there is none, or when one could never be found in a request.
     */
    public static List<String> parse(String value) {
        List<String> names = Arrays.stream(value.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no parameter name; give one or more names separated by commas");
        }
        for (String name : names) {
            if (name.equalsIgnoreCase(CallbackParameters.TOKEN)) {
                throw new IllegalArgumentException("'" + name + "' is the callback URL's secret, removed before any "
                        + "parameter is read; name the parameter the console sends");
            }
            if (name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c) || c == '&' || c == '=')) {
                throw new IllegalArgumentException("'" + name + "' is not a parameter name (no spaces, controls, & or =)");
            }
        }
        return names;
    }
}
