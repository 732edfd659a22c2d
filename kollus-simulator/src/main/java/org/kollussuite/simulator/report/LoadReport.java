package org.kollussuite.simulator.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kollussuite.simulator.delivery.KollusSender;
import org.kollussuite.simulator.delivery.Redelivery;
import org.kollussuite.simulator.load.Rates;
import org.kollussuite.simulator.verify.Violations;
import org.kollussuite.simulator.wire.CallbackType;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of a load run per callback type: attempts sent in the measured window, throughput,
 * latency percentiles from the due time, answers other than 200, what was eventually delivered or
 * given up, and the violations; as a table for people or one JSON document for scripts.
 */
public final class LoadReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KollusSender sender;
    private final Map<CallbackType, Violations> violations;
    private final Violations warmupViolations;
    private final Rates rates;
    private final List<CallbackType> types;
    private final Duration measured;
    private final Redactor redactor;

    public LoadReport(KollusSender sender, Map<CallbackType, Violations> violations, Violations warmupViolations,
                      Rates rates, Duration measured, Redactor redactor) {
        this.sender = sender;
        this.violations = violations;
        this.warmupViolations = warmupViolations;
        this.rates = rates;
        this.types = rates.types();
        this.measured = measured;
        this.redactor = redactor;
    }

    /** Whether nothing due in the measured window broke the contract; a callback given up is a violation. */
    public boolean passed() {
        return types.stream().allMatch(type -> violations.get(type).total() == 0);
    }

    public void printText(PrintStream out) {
        out.printf(Locale.ROOT, "%-13s %8s %10s %8s %8s %8s %8s %10s %10s %8s %10s  %s%n", "type", "sent", "per s",
                "p50 ms", "p99 ms", "p99.9 ms", "max ms", "delivered", "retried", "given up", "violations", "not 200");
        for (CallbackType type : types) {
            TypeStats stats = sender.stats(type);
            Redelivery.Counts counts = sender.counts(type);
            out.printf(Locale.ROOT, "%-13s %8d %10.1f %8.2f %8.2f %8.2f %8.2f %10d %10d %8d %10d  %s%n", type.label(),
                    stats.sent(), throughput(stats), stats.millisAt(50), stats.millisAt(99), stats.millisAt(99.9),
                    stats.maxMillis(), counts.deliveredFirstTime() + counts.deliveredOnRetry(), counts.retries(),
                    counts.givenUp(), violations.get(type).total(), stats.notOk().isEmpty() ? "-" : stats.notOk());
        }
        for (CallbackType type : types) {
            Violations found = violations.get(type);
            if (found.total() > 0) {
                out.println(type.label() + " violations " + found.byCategory() + ", first ones:");
                found.examples().forEach(violation -> out.println("  " + redactor.redact(violation.toString())));
            }
        }
        if (warmupViolations.total() > 0) {
            out.println("warm-up (not measured, not judged) violations " + warmupViolations.byCategory());
        }
        out.println(passed() ? "PASS" : "FAIL");
    }

    public void printJson(PrintStream out) {
        ObjectNode document = JSON.createObjectNode()
                .put("measuredSeconds", measured.toMillis() / 1000.0)
                .put("passed", passed())
                .put("warmupViolations", warmupViolations.total());
        ObjectNode byType = document.putObject("types");
        for (CallbackType type : types) {
            TypeStats stats = sender.stats(type);
            Redelivery.Counts counts = sender.counts(type);
            ObjectNode node = byType.putObject(type.label())
                    .put("offeredPerSecond", rates.perSecond().get(type))
                    .put("sent", stats.sent())
                    .put("throughputPerSecond", throughput(stats))
                    .put("p50Ms", stats.millisAt(50))
                    .put("p99Ms", stats.millisAt(99))
                    .put("p999Ms", stats.millisAt(99.9))
                    .put("maxMs", stats.maxMillis())
                    .put("deliveredFirstTime", counts.deliveredFirstTime())
                    .put("deliveredOnRetry", counts.deliveredOnRetry())
                    .put("retries", counts.retries())
                    .put("givenUp", counts.givenUp())
                    .put("violations", violations.get(type).total());
            ObjectNode notOk = node.putObject("notOk");
            stats.notOk().forEach(notOk::put);
            ObjectNode categories = node.putObject("violationsByCategory");
            violations.get(type).byCategory().forEach(categories::put);
        }
        out.println(document);
    }

    private double throughput(TypeStats stats) {
        return measured.isZero() ? 0 : stats.sent() * 1000.0 / measured.toMillis();
    }
}
