package org.kollussuite.simulator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.kollussuite.simulator.report.SweepReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** The {@code report} command: several {@code load --json} results as one table and a latency plot. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Reads results of 'load --json' (one document per file) and prints a Markdown table per type and "
                + "offered rate; with --svg also plots latency against offered load.")
public class ReportCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "files written by 'load --json'")
    List<Path> results;

    @Option(names = "--svg", paramLabel = "FILE", description = "where to write the plot (SVG)")
    Path svg;

    @Option(names = "--title", defaultValue = "Answer latency by offered load", paramLabel = "TEXT",
            description = "the plot's title (default: ${DEFAULT-VALUE})")
    String title;

    @Override
    public Integer call() throws IOException {
        SweepReport report = new SweepReport();
        for (Path result : results) {
            if (!Files.isReadable(result)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "FILE " + result + " cannot be read");
            }
            try {
                report.add(JSON.readTree(result.toFile()));
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "FILE " + result + " is not a 'load --json' result: " + e.getMessage());
            }
        }
        System.out.print(report.markdown());
        if (svg != null) {
            Files.writeString(svg, report.svg(title));
        }
        return 0;
    }
}
