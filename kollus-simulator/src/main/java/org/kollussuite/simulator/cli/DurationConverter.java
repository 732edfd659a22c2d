package org.kollussuite.simulator.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** ISO-8601 durations (PT5M, PT0.2S) for options; picocli names the option when one is refused. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        Duration duration;
        try {
            duration = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not an ISO-8601 duration such as PT5M or PT0.2S");
        }
        if (duration.isNegative()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is negative");
        }
        return duration;
    }
}
