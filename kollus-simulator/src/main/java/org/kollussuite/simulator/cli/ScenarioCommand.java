package org.kollussuite.simulator.cli;

import jakarta.inject.Inject;
import org.kollussuite.simulator.config.KollusBehaviour;
import org.kollussuite.simulator.delivery.KollusSender;
import org.kollussuite.simulator.report.Redactor;
import org.kollussuite.simulator.scenario.ContentLifeScenario;
import org.kollussuite.simulator.wire.SuiteTarget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/** The {@code scenario} command: one content's life, step by step, then PASS or FAIL. */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = "Plays one content's life against the suite and checks every answer; exit status 1 on any violation.")
public class ScenarioCommand implements Callable<Integer> {

    @CommandLine.Mixin
    SuiteOptions suite;

    @Option(names = "--viewers", defaultValue = "3", paramLabel = "N",
            description = "entitled viewers who play, watch and download (default: ${DEFAULT-VALUE})")
    int viewers;

    @CommandLine.Mixin
    ViewingOptions viewing;

    @Option(names = "--catch-up", defaultValue = "PT15S", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "how long the next episode may take to appear after its channel addition (default: ${DEFAULT-VALUE})")
    Duration catchUp;

    @Inject
    KollusBehaviour behaviour;

    @Override
    public Integer call() {
        SuiteTarget target = suite.target();
        if (viewers < 1 || viewers > 1000) {
            throw suite.invalid("--viewers", "must be 1 to 1000");
        }
        viewing.validate(suite);
        Redactor redactor = new Redactor(target);
        try (KollusSender sender = new KollusSender(behaviour, suite.retryInterval(), suite.lmsResendInterval(), 1,
                (request, attempt, due, answer) -> {
                    if (!answer.ok()) {
                        System.out.println("      attempt " + attempt + " of " + request.description() + " answered "
                                + redactor.redact(answer.outcome()));
                    }
                })) {
            boolean passed = new ContentLifeScenario(target, sender, System.out,
                    new ContentLifeScenario.Settings(viewers, viewing.contentSeconds(), viewing.lmsIntervalSeconds(),
                            viewing.blocks(), catchUp)).run();
            return passed ? 0 : 1;
        }
    }
}
