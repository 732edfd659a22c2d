package org.kollussuite.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kollussuite.commons.testing.WebhookReceiver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in a real browser: headless Chromium, driven by {@code src/test/browser/console-walkthrough.mjs}
 * (playwright-core; {@code scripts/browser-up.sh} installs both), signs in, finds the dead delivery of an upload
 * to a receiver that refused it, retries it once the receiver is fixed and sees it delivered, then opens a
 * learner's progress. Screenshots of the pages are kept in {@code target/screenshots}.
 */
@ExtendWith(ConsoleSuiteExtension.class)
class ConsoleBrowserIT {

    private static final Path BROWSER_TEST = Path.of("src", "test", "browser").toAbsolutePath();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private static final String CHROMIUM = System.getProperty("chromium", "/usr/bin/chromium");

    @Test
    void anOperatorRetriesADeadDeliveryInTheBrowserAndSeesItDeliveredThenOpensALearnersProgress(ConsoleSuite suite)
            throws Exception {
        assertTrue(Files.isDirectory(BROWSER_TEST.resolve("node_modules/playwright-core")),
                "playwright-core is missing: run bash scripts/browser-up.sh");
        String uploadFileKey = Kollus.newKey("browser");
        AtomicBoolean fixed = new AtomicBoolean(false);
        AtomicInteger deliveredAfterTheFix = new AtomicInteger();
        suite.receiver().on("/cms", request -> {
            if (!request.body().contains(uploadFileKey)) {
                return WebhookReceiver.Answer.ok();
            }
            if (!fixed.get()) {
                return WebhookReceiver.Answer.status(500);
            }
            deliveredAfterTheFix.incrementAndGet();
            return WebhookReceiver.Answer.ok();
        });
        Kollus kollus = new Kollus(suite);
        assertEquals(200, kollus.upload(uploadFileKey));
        String learner = Kollus.newKey("learner");
        String mediaContentKey = Kollus.newKey("course");
        assertEquals(200, kollus.lms(learner, mediaContentKey, 1_700_000_000L, 300, Set.of(0, 1, 2, 3)));
        Files.createDirectories(SCREENSHOTS);

        Process walkthrough = walkthrough(suite, uploadFileKey, learner, mediaContentKey);
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(walkthrough.getInputStream(),
                StandardCharsets.UTF_8));
             Writer commands = new OutputStreamWriter(walkthrough.getOutputStream(), StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                if (line.startsWith("DEAD ")) {
                    assertEquals(0, deliveredAfterTheFix.get(), "nothing reached the receiver before the fix");
                    fixed.set(true);
                    commands.write("fixed\n");
                    commands.flush();
                }
            }
        }
        assertTrue(walkthrough.waitFor(3, TimeUnit.MINUTES), "the browser walkthrough did not end");
        assertEquals(0, walkthrough.exitValue(), () -> "the browser walkthrough failed:\n" + String.join("\n", output)
                + "\nscreenshots in " + SCREENSHOTS);
        assertTrue(output.contains("DONE"), () -> String.join("\n", output));
        assertTrue(output.contains("LEARNER 40 %"), () -> "4 of the 10 blocks watched: " + String.join("\n", output));
        assertEquals(1, deliveredAfterTheFix.get(), "the retry clicked in the browser delivered the event once");
        for (String page : List.of("overview", "delivery", "learner")) {
            Path screenshot = SCREENSHOTS.resolve(page + ".png");
            assertTrue(Files.size(screenshot) > 10_000, screenshot + " holds a rendered page");
            byte[] signature = Files.readAllBytes(screenshot);
            assertEquals((byte) 0x89, signature[0], screenshot + " is a PNG");
            assertEquals('P', signature[1], screenshot + " is a PNG");
        }
    }

    private static Process walkthrough(ConsoleSuite suite, String subject, String learner, String mediaContentKey)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder("node", "console-walkthrough.mjs").directory(BROWSER_TEST.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of(
                "CONSOLE_URL", suite.consoleUrl(),
                "ADMIN_TOKEN", ConsoleSuite.ADMIN_TOKEN,
                "SUBJECT", subject,
                "LEARNER", learner,
                "CHANNEL", suite.channelKey(),
                "CONTENT", mediaContentKey,
                "SCREENSHOTS", SCREENSHOTS.toString(),
                "CHROMIUM", CHROMIUM));
        return builder.start();
    }
}
