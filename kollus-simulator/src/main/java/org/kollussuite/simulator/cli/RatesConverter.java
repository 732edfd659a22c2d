package org.kollussuite.simulator.cli;

import org.kollussuite.simulator.load.Rates;
import org.kollussuite.simulator.wire.CallbackType;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Callbacks per second by type, written {@code platform=50,play=200,lms=1000,drm=20,next-episode=5}. */
public final class RatesConverter implements CommandLine.ITypeConverter<Rates> {

    private static final String TYPES = Arrays.stream(CallbackType.values()).map(CallbackType::label)
            .collect(Collectors.joining(", "));

    @Override
    public Rates convert(String value) {
        Map<CallbackType, Double> rates = new EnumMap<>(CallbackType.class);
        for (String entry : value.split(",")) {
            String[] pair = entry.strip().split("=", -1);
            CallbackType type = pair.length == 2 ? CallbackType.fromLabel(pair[0].strip()) : null;
            if (type == null) {
                throw new CommandLine.TypeConversionException("'" + entry.strip() + "' is not <type>=<per second>, types: " + TYPES);
            }
            double rate;
            try {
                rate = Double.parseDouble(pair[1].strip());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("the rate of " + type.label() + " is not a number: '" + pair[1] + "'");
            }
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new CommandLine.TypeConversionException("the rate of " + type.label() + " must be 0 or more");
            }
            rates.put(type, rate);
        }
        if (rates.values().stream().noneMatch(rate -> rate > 0)) {
            throw new CommandLine.TypeConversionException("no callback type has a rate above 0");
        }
        return new Rates(rates);
    }
}
