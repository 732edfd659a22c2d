package org.kollussuite.simulator.cli;

import jakarta.inject.Inject;
import org.kollussuite.simulator.admin.SuiteAdmin;
import org.kollussuite.simulator.config.KollusBehaviour;
import org.kollussuite.simulator.delivery.KollusSender;
import org.kollussuite.simulator.http.Answer;
import org.kollussuite.simulator.load.LoadRun;
import org.kollussuite.simulator.load.LoadSettings;
import org.kollussuite.simulator.load.Rates;
import org.kollussuite.simulator.report.LoadReport;
import org.kollussuite.simulator.report.Redactor;
import org.kollussuite.simulator.verify.Violations;
import org.kollussuite.simulator.wire.CallbackType;
import org.kollussuite.simulator.wire.SuiteTarget;
import org.kollussuite.simulator.wire.Viewer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/** The {@code load} command: many viewers at fixed rates per callback type, then the measurements. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Sends callbacks at fixed rates, open loop, checks every answer and reports latency per type; "
                + "exit status 1 on any violation or callback given up.")
public class LoadCommand implements Callable<Integer> {

    @Mixin
    SuiteOptions suite;

    @Option(names = "--rate", defaultValue = "platform=5,play=50,drm=5,lms=100,next-episode=2", paramLabel = "TYPE=N,...",
            converter = RatesConverter.class,
            description = "callbacks per second by type: platform, play, drm, lms, next-episode (default: ${DEFAULT-VALUE})")
    Rates rates;

    @Option(names = "--viewers", defaultValue = "100", paramLabel = "N",
            description = "simulated viewers, all entitled to the channel; as with real players, each posts an LMS "
                    + "snapshot every viewers / LMS rate seconds (default: ${DEFAULT-VALUE})")
    int viewers;

    @Option(names = "--duration", defaultValue = "PT30S", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "measured time (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "PT5S", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "time of load before measuring, checked but not measured (default: ${DEFAULT-VALUE})")
    Duration warmup;

    @Mixin
    ViewingOptions viewing;

    @Option(names = "--resend-ratio", defaultValue = "0.05", paramLabel = "R",
            description = "share of LMS sends that re-send a stored snapshot (default: ${DEFAULT-VALUE})")
    double resendRatio;

    @Option(names = "--connections", defaultValue = "256", paramLabel = "N",
            description = "callbacks of each type on the wire at once at most, each on a kept-alive connection "
                    + "(default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--json", description = "print one JSON document instead of the table")
    boolean json;

    @Inject
    KollusBehaviour behaviour;

    @Override
    public Integer call() throws InterruptedException {
        SuiteTarget target = suite.target();
        validate();
        PrintStream out = System.out;
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Viewer> simulated = new ArrayList<>();
        for (int i = 1; i <= viewers; i++) {
            simulated.add(new Viewer("sim-load-" + run + "-viewer-" + i, "sim-load-player-" + run + "-" + i, "Simulated device " + i));
        }
        Map<CallbackType, Violations> violations = new EnumMap<>(CallbackType.class);
        for (CallbackType type : CallbackType.values()) {
            violations.put(type, new Violations());
        }
        Redactor redactor = new Redactor(target);
        try (KollusSender sender = new KollusSender(behaviour, suite.retryInterval(), suite.lmsResendInterval(), connections,
                (request, attempt, due, answer) -> { })) {
            if (!json) {
                out.printf("load run %s: %s for %s after %s of warm-up, %d viewers, channel %s, LMS shape %s%n", run, rates,
                        duration, warmup, viewers, target.channelKey(), target.lmsShape().label());
            }
            Answer granted = new SuiteAdmin(target, sender.client()).entitle(simulated.stream().map(Viewer::clientUserId).toList());
            if (!granted.ok()) {
                System.err.println("could not grant the viewers' entitlements: " + granted.outcome() + " "
                        + redactor.body(granted.body()));
                return 1;
            }
            LoadSettings settings = new LoadSettings(rates, simulated, run, viewing.contentSeconds(),
                    viewing.lmsIntervalSeconds(), viewing.blocks(), resendRatio);
            Violations warmupViolations = new Violations();
            LoadRun.create(sender, target, settings, violations, warmupViolations).run(warmup, duration);
            LoadReport report = new LoadReport(sender, violations, warmupViolations, rates, duration, redactor);
            if (json) {
                report.printJson(out);
            } else {
                report.printText(out);
            }
            return report.passed() ? 0 : 1;
        }
    }

    private void validate() {
        if (viewers < 1 || viewers > 1_000_000) {
            throw suite.invalid("--viewers", "must be 1 to 1000000");
        }
        if (connections < 1 || connections > 10_000) {
            throw suite.invalid("--connections", "must be 1 to 10000");
        }
        if (duration.isZero()) {
            throw suite.invalid("--duration", "must be longer than zero");
        }
        viewing.validate(suite);
        if (!(resendRatio >= 0 && resendRatio <= 1)) {
            throw suite.invalid("--resend-ratio", "must be within 0 and 1");
        }
    }
}
