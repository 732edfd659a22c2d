package org.kollussuite.simulator.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** How the simulated viewers watch: the contents' length and the channel's LMS settings. */
public final class ViewingOptions {

    @Option(names = "--content-duration", defaultValue = "PT10M", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "length of the contents watched (default: ${DEFAULT-VALUE})")
    Duration contentDuration;

    @Option(names = "--lms-interval", defaultValue = "PT1M", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "the channel's LMS transfer interval, in content time; snapshots are sent without waiting for it (default: ${DEFAULT-VALUE})")
    Duration lmsInterval;

    @Option(names = "--blocks", defaultValue = "10", paramLabel = "N",
            description = "the channel's LMS block count (default: ${DEFAULT-VALUE})")
    int blocks;

    /** Stops the command with status 2 naming the option when the values cannot make a viewing. */
    void validate(SuiteOptions suite) {
        if (blocks < 1 || blocks > 1000) {
            throw suite.invalid("--blocks", "must be 1 to 1000");
        }
        if (lmsInterval.toSeconds() < 1) {
            throw suite.invalid("--lms-interval", "must be at least PT1S");
        }
        if (contentDuration.toSeconds() < 6 * lmsInterval.toSeconds() || contentDuration.toSeconds() < blocks) {
            throw suite.invalid("--content-duration", "must be at least 6 times --lms-interval and one second per block");
        }
    }

    int contentSeconds() {
        return (int) contentDuration.toSeconds();
    }

    int lmsIntervalSeconds() {
        return (int) lmsInterval.toSeconds();
    }

    int blocks() {
        return blocks;
    }
}
