// Load generator for platform-callback-service: open-loop constant rate (or closed-loop --max), reporting ack latency and outcomes.

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Posts platform callbacks the way Kollus does (form body, token in the query string) and reports how
 * fast the service acknowledges them.
 *
 * <p>Rate mode is open loop: request {@code i} is due at {@code start + i / rate} whatever happened to
 * the previous ones, and its latency is measured from that due time, so a stalled service cannot hide
 * its stall by slowing the generator down (no coordinated omission). At most {@code --connections}
 * requests are in flight; a due request waiting for a free connection keeps its due time.
 *
 * <p>Max mode is closed loop: {@code --workers} workers each send their next request as soon as the
 * previous one is answered, which measures the highest throughput the service sustains.
 */
public final class PlatformLoad {

    private static final String USAGE = """
            usage: java bench/PlatformLoad.java [options]
              --url URL               service base URL (default http://localhost:8081)
              --token TOKEN           KOLLUS_CALLBACK_TOKEN of the service (default bench-token)
              --account KEY           KOLLUS_SERVICE_ACCOUNT_KEY of the service (default bench-account)
              --rate N                requests per second in rate mode (default 1000)
              --duration S            measured seconds (default 30)
              --warmup S              seconds of load before measuring, not recorded (default 10)
              --mix LIST              callback weights (default upload=30,transcoding=30,content-update=10,channel-add=20,channel-remove=10)
              --duplicate-ratio R     share of requests re-sending an accepted body, which must answer duplicate (default 0.1)
              --connections N         rate mode: requests in flight at most (default 64)
              --max                   closed-loop max-throughput mode instead of a fixed rate
              --workers N             max mode: concurrent workers (default 32)
              --timeout S             per-request timeout in seconds (default 30)
            Exits 1 when any measured request got a non-2xx answer, failed, or got the wrong result.""";

    private static final Pattern RESULT = Pattern.compile("\"result\"\\s*:\\s*\"([^\"]*)\"");

    /** One request to send; a duplicate re-sends the request of an accepted one. */
    private record Call(byte[] request, boolean duplicate) {
    }

    private record Options(URI url, String token, String account, double rate, int duration, int warmup,
                           Map<String, Integer> mix, double duplicateRatio, int connections, boolean max,
                           int workers, int timeout) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            boolean max = false;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--max")) {
                    max = true;
                } else if (args[i].startsWith("--") && i + 1 < args.length) {
                    values.put(args[i].substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown or incomplete option " + args[i]);
                }
            }
            String url = take(values, "url", "http://localhost:8081").replaceAll("/+$", "");
            Options options = new Options(URI.create(url),
                    take(values, "token", "bench-token"),
                    take(values, "account", "bench-account"),
                    positive(values, "rate", "1000"),
                    (int) positive(values, "duration", "30"),
                    (int) number(values, "warmup", "10"),
                    mix(take(values, "mix", "upload=30,transcoding=30,content-update=10,channel-add=20,channel-remove=10")),
                    number(values, "duplicate-ratio", "0.1"),
                    (int) positive(values, "connections", "64"),
                    max,
                    (int) positive(values, "workers", "32"),
                    (int) positive(values, "timeout", "30"));
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("unknown option --" + values.keySet().iterator().next());
            }
            if (options.warmup < 0 || options.duplicateRatio < 0 || options.duplicateRatio > 1) {
                throw new IllegalArgumentException("--warmup must be >= 0 and --duplicate-ratio within [0, 1]");
            }
            return options;
        }

        /** Removes option {@code name} from {@code values}, so that whatever is left over is unknown. */
        private static String take(Map<String, String> values, String name, String fallback) {
            String value = values.remove(name);
            return value == null ? fallback : value;
        }

        private static double number(Map<String, String> values, String name, String fallback) {
            try {
                return Double.parseDouble(take(values, name, fallback));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " needs a number");
            }
        }

        private static double positive(Map<String, String> values, String name, String fallback) {
            double value = number(values, name, fallback);
            if (value <= 0) {
                throw new IllegalArgumentException("--" + name + " must be positive");
            }
            return value;
        }

        private static Map<String, Integer> mix(String text) {
            Map<String, Integer> weights = new LinkedHashMap<>();
            for (String entry : text.split(",")) {
                String[] pair = entry.strip().split("=");
                if (pair.length != 2 || !Generator.TYPES.contains(pair[0].strip())) {
                    throw new IllegalArgumentException("--mix entries are <type>=<weight>, types " + Generator.TYPES);
                }
                int weight;
                try {
                    weight = Integer.parseInt(pair[1].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--mix weights are whole numbers, not " + pair[1]);
                }
                if (weight > 0) {
                    weights.put(pair[0].strip(), weight);
                }
            }
            if (weights.isEmpty()) {
                throw new IllegalArgumentException("--mix has no positive weight");
            }
            return weights;
        }
    }

    /** Makes fresh callbacks of the mix with unique keys, and re-sends accepted ones as duplicates. */
    private static final class Generator {

        static final List<String> TYPES =
                List.of("upload", "transcoding", "content-update", "channel-add", "channel-remove");
        private static final int REMEMBERED = 10_000;

        private final Options options;
        private final String[] types;
        private final int[] cumulativeWeights;
        private final Map<String, URI> uris = new LinkedHashMap<>();
        private final String runId = UUID.randomUUID().toString().substring(0, 8);
        private final AtomicLong sequence = new AtomicLong();
        private final byte[][] accepted = new byte[REMEMBERED][];
        private long acceptedCount;

        Generator(Options options) {
            this.options = options;
            this.types = options.mix.keySet().toArray(String[]::new);
            this.cumulativeWeights = new int[types.length];
            int total = 0;
            for (int i = 0; i < types.length; i++) {
                total += options.mix.get(types[i]);
                cumulativeWeights[i] = total;
                uris.put(types[i], URI.create(options.url + "/callbacks/platform/" + types[i] + "?token="
                        + encode(options.token)));
            }
        }

        Call next() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (random.nextDouble() < options.duplicateRatio) {
                byte[] earlier = randomAccepted(random);
                if (earlier != null) {
                    return new Call(earlier, true);
                }
            }
            int pick = random.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
            int index = 0;
            while (cumulativeWeights[index] <= pick) {
                index++;
            }
            String type = types[index];
            byte[] body = form(type, random).getBytes(StandardCharsets.UTF_8);
            URI uri = uris.get(type);
            String head = "POST " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
            System.arraycopy(body, 0, request, headBytes.length, body.length);
            return new Call(request, false);
        }

        /** Remembers a fresh callback the service accepted, so that it can be sent again. */
        synchronized void accepted(byte[] request) {
            accepted[(int) (acceptedCount++ % REMEMBERED)] = request;
        }

        private synchronized byte[] randomAccepted(ThreadLocalRandom random) {
            return acceptedCount == 0 ? null : accepted[random.nextInt((int) Math.min(acceptedCount, REMEMBERED))];
        }

        private String form(String type, ThreadLocalRandom random) {
            long n = sequence.incrementAndGet();
            String key = runId + "-" + n;
            StringBuilder form = new StringBuilder(256)
                    .append("content_provider_key=").append(encode(options.account))
                    .append("&upload_file_key=ufk-").append(key)
                    .append("&filename=lesson-").append(n).append(".mp4")
                    .append("&full_filename=").append(encode("/bench/" + runId + "/lesson-" + n + ".mp4"));
            switch (type) {
                case "transcoding" -> form.append("&transcoding_result=")
                        .append(random.nextInt(10) == 0 ? "fail" : "success");
                case "content-update" -> form.append("&update_type=metadata");
                case "channel-add", "channel-remove" -> form
                        .append("&channel_key=bench-channel-").append(n % 16)
                        .append("&channel_name=").append(encode("Bench channel " + n % 16))
                        .append("&media_content_key=mck-").append(key)
                        .append("&profile_key=").append(encode("a|b"));
                default -> {
                }
            }
            return form.toString();
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    /** Outcomes and 2xx latencies of the requests of one phase. */
    private static final class Stats {

        private final long windowStart;
        private long[] latencies = new long[1 << 16];
        private int ok;
        private long requests, accepted, duplicate, non2xx, serverErrors, errors, unexpected, lastCompletion;
        private final Map<Integer, Long> statuses = new TreeMap<>();
        private String firstProblem;

        Stats(long windowStart) {
            this.windowStart = windowStart;
        }

        synchronized void sent() {
            requests++;
        }

        synchronized void answered(Call call, Answer response, long latencyNanos, long now) {
            lastCompletion = Math.max(lastCompletion, now);
            int status = response.status();
            if (status < 200 || status > 299) {
                non2xx++;
                serverErrors += status >= 500 ? 1 : 0;
                statuses.merge(status, 1L, Long::sum);
                problem("HTTP " + status + " " + abbreviate(response.body()));
                return;
            }
            if (ok == latencies.length) {
                latencies = Arrays.copyOf(latencies, ok * 2);
            }
            latencies[ok++] = latencyNanos;
            String result = result(response.body());
            accepted += "accepted".equals(result) ? 1 : 0;
            duplicate += "duplicate".equals(result) ? 1 : 0;
            if (!(call.duplicate ? "duplicate" : "accepted").equals(result)) {
                unexpected++;
                problem((call.duplicate ? "re-sent" : "fresh") + " callback answered " + abbreviate(response.body()));
            }
        }

        synchronized void failed(Throwable failure, long now) {
            lastCompletion = Math.max(lastCompletion, now);
            errors++;
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            problem(cause.toString());
        }

        synchronized boolean clean() {
            return non2xx == 0 && errors == 0 && unexpected == 0;
        }

        synchronized String summary(String label) {
            return String.format(Locale.ROOT, "%s: %d requests, %d 2xx, %d non-2xx, %d errors",
                    label, requests, ok, non2xx, errors);
        }

        synchronized void report(String mode) {
            long[] sorted = Arrays.copyOf(latencies, ok);
            Arrays.sort(sorted);
            double seconds = (lastCompletion - windowStart) / 1e9;
            double throughput = ok == 0 || seconds <= 0 ? 0 : ok / seconds;
            String p50 = millis(sorted, 0.50), p90 = millis(sorted, 0.90), p99 = millis(sorted, 0.99),
                    p999 = millis(sorted, 0.999), max = ok == 0 ? "-" : ms(sorted[ok - 1]);
            System.out.printf(Locale.ROOT, "requests        %d%n", requests);
            System.out.printf(Locale.ROOT, "throughput      %.1f 2xx/s%n", throughput);
            System.out.printf(Locale.ROOT, "ack latency ms  p50 %s  p90 %s  p99 %s  p99.9 %s  max %s%n",
                    p50, p90, p99, p999, max);
            System.out.printf(Locale.ROOT, "2xx             %d (accepted %d, duplicate %d)%n", ok, accepted, duplicate);
            System.out.printf(Locale.ROOT, "non-2xx         %d (5xx %d)%s%n", non2xx, serverErrors,
                    statuses.isEmpty() ? "" : " by status " + statuses);
            System.out.printf(Locale.ROOT, "errors          %d (connection failures, timeouts)%n", errors);
            System.out.printf(Locale.ROOT, "unexpected      %d (2xx whose result was not accepted / duplicate as due)%n",
                    unexpected);
            if (firstProblem != null) {
                System.out.println("first problem   " + firstProblem);
            }
            System.out.printf(Locale.ROOT, "RESULT mode=%s requests=%d throughput=%.1f p50=%s p90=%s p99=%s p999=%s "
                            + "max=%s ok=%d accepted=%d duplicate=%d non2xx=%d 5xx=%d errors=%d unexpected=%d%n",
                    mode, requests, throughput, p50, p90, p99, p999, max, ok, accepted, duplicate, non2xx,
                    serverErrors, errors, unexpected);
        }

        private void problem(String description) {
            if (firstProblem == null) {
                firstProblem = description;
            }
        }

        private static String millis(long[] sorted, double percentile) {
            if (sorted.length == 0) {
                return "-";
            }
            int index = (int) Math.ceil(percentile * sorted.length) - 1;
            return ms(sorted[Math.max(0, index)]);
        }

        private static String ms(long nanos) {
            return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
        }

        private static String result(String body) {
            Matcher matcher = RESULT.matcher(body == null ? "" : body);
            return matcher.find() ? matcher.group(1) : null;
        }

        private static String abbreviate(String body) {
            String text = body == null ? "" : body.strip();
            return text.length() > 200 ? text.substring(0, 200) + "..." : text;
        }
    }

    private final Options options;
    private final Generator generator;
    private final ExecutorService executor;
    private final BlockingQueue<Connection> idle = new LinkedBlockingQueue<>();

    /** A status and body read off the wire. */
    private record Answer(int status, String body) {
    }

    /**
     * One keep-alive HTTP/1.1 connection with TCP_NODELAY, each request written in a single write:
     * a general-purpose client's separate header and body writes add delayed-ACK stalls that would be
     * measured as the service's latency.
     */
    private static final class Connection {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(URI url, int timeoutSeconds) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutSeconds * 1000);
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5000);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
            out = socket.getOutputStream();
        }

        Answer exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            int length = 0;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                    length = Integer.parseInt(header.substring(colon + 1).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                throw new IOException("connection closed mid-body");
            }
            return new Answer(status, new String(body, StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Nothing left to release.
            }
        }
    }

    private PlatformLoad(Options options) {
        this.options = options;
        this.generator = new Generator(options);
        int threads = Math.max(options.connections, options.workers) + 2;
        this.executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "load-client");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        boolean clean = new PlatformLoad(options).run();
        System.exit(clean ? 0 : 1);
    }

    private boolean run() throws InterruptedException {
        String mode = options.max ? "max" : "rate";
        System.out.printf(Locale.ROOT, "%s mode against %s: %s, %d s warm-up + %d s measured, mix %s, duplicates %.0f%%%n",
                mode, options.url, options.max ? options.workers + " closed-loop workers"
                        : options.rate + " req/s open loop, " + options.connections + " connections at most",
                options.warmup, options.duration, options.mix, options.duplicateRatio * 100);
        long start = System.nanoTime();
        long measureStart = start + TimeUnit.SECONDS.toNanos(options.warmup);
        long end = measureStart + TimeUnit.SECONDS.toNanos(options.duration);
        Stats warmup = new Stats(start);
        Stats measured = new Stats(measureStart);
        boolean drained = options.max
                ? closedLoop(end, measureStart, warmup, measured)
                : openLoop(start, end, measureStart, warmup, measured);
        if (!drained) {
            System.out.println("some requests were still in flight after the timeout; they are not counted");
        }
        if (options.warmup > 0) {
            System.out.println(warmup.summary("warm-up (not recorded)"));
        }
        measured.report(mode);
        return measured.clean();
    }

    private boolean openLoop(long start, long end, long measureStart, Stats warmup, Stats measured)
            throws InterruptedException {
        Semaphore connections = new Semaphore(options.connections);
        double intervalNanos = 1e9 / options.rate;
        for (long i = 0; ; i++) {
            long due = start + (long) (i * intervalNanos);
            if (due >= end) {
                break;
            }
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            connections.acquire();
            send(generator.next(), due, due >= measureStart ? measured : warmup)
                    .whenComplete((ignored, failure) -> connections.release());
        }
        return connections.tryAcquire(options.connections, options.timeout + 5L, TimeUnit.SECONDS);
    }

    private boolean closedLoop(long end, long measureStart, Stats warmup, Stats measured)
            throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(options.workers);
        for (int i = 0; i < options.workers; i++) {
            work(end, measureStart, warmup, measured, finished);
        }
        return finished.await(options.duration + options.warmup + options.timeout + 5L, TimeUnit.SECONDS);
    }

    /** Sends one request of a worker, then the next one once it is answered, until the end. */
    private void work(long end, long measureStart, Stats warmup, Stats measured, CountDownLatch finished) {
        long now = System.nanoTime();
        if (now >= end) {
            finished.countDown();
            return;
        }
        send(generator.next(), now, now >= measureStart ? measured : warmup)
                .thenRun(() -> work(end, measureStart, warmup, measured, finished));
    }

    /** Sends {@code call}, due at {@code due}, and records its outcome in {@code stats}. */
    private CompletableFuture<Void> send(Call call, long due, Stats stats) {
        stats.sent();
        return CompletableFuture.runAsync(() -> {
            Connection connection = idle.poll();
            try {
                if (connection == null) {
                    connection = new Connection(options.url, options.timeout);
                }
                Answer response = connection.exchange(call.request);
                idle.add(connection);
                long now = System.nanoTime();
                if (!call.duplicate && response.status() / 100 == 2) {
                    generator.accepted(call.request);
                }
                stats.answered(call, response, now - due, now);
            } catch (IOException | RuntimeException e) {
                if (connection != null) {
                    connection.close();
                }
                stats.failed(e, System.nanoTime());
            }
        }, executor);
    }
}
