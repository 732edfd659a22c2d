package org.kollussuite.simulator.cli;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusMainTest
class ReportCommandTest {

    @TempDir
    Path directory;

    private Path result(String name, String type, double offered, double p50, double p99, String notOk) throws IOException {
        return Files.writeString(directory.resolve(name), """
                {"measuredSeconds":20.0,"passed":true,"types":{"%s":{"offeredPerSecond":%s,"sent":%d,
                "throughputPerSecond":%s,"p50Ms":%s,"p99Ms":%s,"p999Ms":%s,"maxMs":%s,"violations":0,
                "notOk":%s}}}""".formatted(type, offered, (long) offered * 20, offered, p50, p99, p99 * 2, p99 * 3, notOk));
    }

    @Test
    void runsAtSeveralRatesBecomeOneTableInOfferedOrderAndOnePlotLinePerTypeAndPercentile(QuarkusMainLauncher launcher)
            throws IOException {
        Path fast = result("play-2000.json", "play", 2000, 4.5, 30, "{}");
        Path slow = result("play-500.json", "play", 500, 1.5, 6, "{}");
        Path platform = result("platform-500.json", "platform", 500, 3, 40, "{\"503\":2,\"timeout\":1}");
        Path svg = directory.resolve("plot.svg");

        LaunchResult run = launcher.launch("report", "--svg", svg.toString(), fast.toString(), slow.toString(),
                platform.toString());

        assertEquals(0, run.exitCode(), run.getErrorOutput());
        String table = run.getOutput();
        assertTrue(table.indexOf("| play | 500 |") < table.indexOf("| play | 2000 |"), table);
        assertTrue(table.contains("| platform | 500 | 500.0 | 3.00 | 40.00 | 80.00 | 120.00 | 3 | 0 |"), table);
        String plot = Files.readString(svg);
        assertTrue(plot.startsWith("<svg"), plot);
        assertEquals(4, Pattern.compile("<polyline").matcher(plot).results().count(), plot);
        assertEquals(3, Pattern.compile("<circle").matcher(plot).results().count(), plot);
    }

    @Test
    void aFileThatIsNotALoadResultIsAnOptionErrorNamingIt(QuarkusMainLauncher launcher) throws IOException {
        Path broken = Files.writeString(directory.resolve("broken.json"), "not json");

        LaunchResult run = launcher.launch("report", broken.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.getErrorOutput().contains("broken.json"), run.getErrorOutput());
    }
}
