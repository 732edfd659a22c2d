// Load generator for notifier-service: publishes CloudEvents on kollus.events and receives their webhooks in the same process.

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures notifier-service end to end: events published on {@code kollus.events} (persistent, publisher
 * confirms pipelined) and their webhooks received by an HTTP server of this process, which checks each
 * signature, counts duplicates and checks that each subject's events arrive in publishing order.
 *
 * <p>Phases run in order, each waiting until all its events were delivered: {@code warmup} (not measured),
 * {@code rate} and {@code sustained} (open loop: event {@code i} is published at {@code start + i / rate},
 * and its latency runs from that due time, so a stalled pipeline cannot hide behind a slowed publisher)
 * and {@code max} (as fast as the broker confirms: a backlog; throughput runs from the first publish to
 * the last delivery).
 */
public final class NotifierLoad {

    private static final String USAGE = """
            usage: java -cp <amqp-client jar>:<slf4j-api jar> bench/NotifierLoad.java [options]
              --amqp URI              broker and virtual host (default amqp://guest:guest@localhost:5672/kollus-bench)
              --exchange NAME         exchange the events are published to (default kollus.events)
              --port N                port of the webhook receiver (default 18990)
              --secret whsec_...      the endpoint's signing secret (required)
              --channel KEY           kolluschannel of the events (default bench-channel)
              --subjects N            distinct subjects (media content keys) the events cycle through (default 1000)
              --warmup-events N       events of the unmeasured warm-up phase (default 5000)
              --rate N --duration S   the rate phase: events per second and seconds (default 500 and 30)
              --sustained-rate N      the sustained phase: events per second (default 2000; 0 skips it)
              --sustained-duration S  its seconds (default 30)
              --max-events N          events of the max phase (default 60000)
              --in-flight N           unconfirmed publishes at most (default 512)
              --drain-timeout S       longest wait for a phase's deliveries after its last publish (default 120)
            """;

    private static final Pattern SEQUENCE = Pattern.compile("\"sequence\":(\\d+)");
    private static final String EVENT_TYPE = "kollus.lms.progressed";

    private final Map<String, String> options;
    private final byte[] key;
    private final String channel;
    private final int subjects;
    private final Semaphore unconfirmed;
    private final Map<String, Phase> phaseOfEvent = new ConcurrentHashMap<>();
    private final Map<String, Long> dueOfEvent = new ConcurrentHashMap<>();
    private final Map<String, Boolean> received = new ConcurrentHashMap<>();
    private final Map<String, Long> lastSequenceOfSubject = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Boolean> pendingConfirms = new ConcurrentSkipListMap<>();
    private final AtomicLong foreign = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong nacked = new AtomicLong();
    private final ThreadLocal<Mac> macs;
    private long nextSequence;

    /** The figures of one phase. */
    private static final class Phase {
        final String name;
        final long[] latencies;
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        volatile long firstPublish;
        volatile long lastPublish;
        volatile long lastDelivery;
        int published;

        Phase(String name, int events) {
            this.name = name;
            this.latencies = new long[events];
        }

        void delivered(long latency, long now) {
            int index = (int) delivered.getAndIncrement();
            if (index < latencies.length) {
                latencies[index] = latency;
            }
            synchronized (this) {
                lastDelivery = Math.max(lastDelivery, now);
            }
        }
    }

    private NotifierLoad(Map<String, String> options) {
        this.options = options;
        String secret = required("secret");
        this.key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
        this.channel = options.getOrDefault("channel", "bench-channel");
        this.subjects = integer("subjects", 1000);
        this.unconfirmed = new Semaphore(integer("in-flight", 512));
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new ConcurrentHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.print(USAGE);
                System.exit(2);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        if (!options.containsKey("secret")) {
            System.err.print(USAGE);
            System.exit(2);
        }
        System.exit(new NotifierLoad(options).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        // Without it the JDK server's responses meet the client's delayed ACK: ~40 ms per webhook.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        ExecutorService handlers = Executors.newFixedThreadPool(16);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", integer("port", 18990)), 512);
        server.createContext("/", this::receive);
        server.setExecutor(handlers);
        server.start();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(options.getOrDefault("amqp", "amqp://guest:guest@localhost:5672/kollus-bench"));
        boolean clean = true;
        try (Connection connection = factory.newConnection("notifier-bench");
             Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.addConfirmListener(new ConfirmListener() {
                @Override
                public void handleAck(long tag, boolean multiple) {
                    confirmed(tag, multiple);
                }

                @Override
                public void handleNack(long tag, boolean multiple) {
                    nacked.incrementAndGet();
                    confirmed(tag, multiple);
                }
            });
            runPhase(channel, new Phase("warmup", integer("warmup-events", 5000)), 0, 0);
            int rate = integer("rate", 500);
            int duration = integer("duration", 30);
            clean &= report(runPhase(channel, new Phase("rate", rate * duration), rate, duration));
            int sustained = integer("sustained-rate", 2000);
            if (sustained > 0) {
                int sustainedDuration = integer("sustained-duration", 30);
                clean &= report(runPhase(channel, new Phase("sustained", sustained * sustainedDuration), sustained,
                        sustainedDuration));
            }
            clean &= report(runPhase(channel, new Phase("max", integer("max-events", 60000)), 0, 0));
        } finally {
            server.stop(0);
            handlers.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "RESULT phase=all foreign=%d bad_signatures=%d out_of_order=%d nacked=%d%n",
                foreign.get(), badSignatures.get(), outOfOrder.get(), nacked.get());
        return clean && foreign.get() == 0 && badSignatures.get() == 0 && outOfOrder.get() == 0 && nacked.get() == 0;
    }

    /** Releases the in-flight permits of the publishes the broker just confirmed (or refused). */
    private void confirmed(long tag, boolean multiple) {
        int released = 0;
        if (multiple) {
            NavigableMap<Long, Boolean> confirmed = pendingConfirms.headMap(tag, true);
            released = confirmed.size();
            confirmed.clear();
        } else if (pendingConfirms.remove(tag) != null) {
            released = 1;
        }
        unconfirmed.release(released);
    }

    /** Publishes the phase's events at {@code rate} per second, or as fast as confirmed when rate is 0, then awaits their deliveries. */
    private Phase runPhase(Channel channel, Phase phase, int rate, int duration) throws Exception {
        int events = rate > 0 ? rate * duration : phase.latencies.length;
        System.out.printf(Locale.ROOT, "phase %s: %d events%s%n", phase.name, events,
                rate > 0 ? " at " + rate + "/s" : " as fast as confirmed");
        long start = System.nanoTime();
        phase.firstPublish = start;
        for (int i = 0; i < events; i++) {
            long due = rate > 0 ? start + (long) (i * 1e9 / rate) : System.nanoTime();
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            unconfirmed.acquire();
            publish(channel, phase, due);
        }
        phase.lastPublish = System.nanoTime();
        phase.published = events;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(integer("drain-timeout", 120));
        while (phase.delivered.get() < events && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return phase;
    }

    private void publish(Channel channel, Phase phase, long due) throws IOException {
        String id = UUID.randomUUID().toString();
        long sequence = nextSequence++;
        String subject = "bench-content-" + (sequence % subjects);
        String body = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"urn:kollus-suite:notifier-bench\","
                + "\"type\":\"" + EVENT_TYPE + "\",\"time\":\"" + Instant.now() + "\",\"subject\":\"" + subject + "\","
                + "\"datacontenttype\":\"application/json\",\"kolluschannel\":\"" + channel + "\","
                + "\"data\":{\"sequence\":" + sequence + ",\"subject\":\"" + subject + "\"}}";
        phaseOfEvent.put(id, phase);
        dueOfEvent.put(id, due);
        pendingConfirms.put(channel.getNextPublishSeqNo(), Boolean.TRUE);
        channel.basicPublish(options.getOrDefault("exchange", "kollus.events"), EVENT_TYPE,
                MessageProperties.PERSISTENT_BASIC.builder().contentType("application/cloudevents+json").build(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private void receive(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
        Phase phase = id == null ? null : phaseOfEvent.get(id);
        if (phase == null) {
            foreign.incrementAndGet();
        } else {
            if (!verified(id, timestamp, signature, body)) {
                badSignatures.incrementAndGet();
            }
            if (received.putIfAbsent(id, Boolean.TRUE) != null) {
                phase.duplicates.incrementAndGet();
            } else {
                checkOrder(new String(body, StandardCharsets.UTF_8));
                phase.delivered(now - dueOfEvent.get(id), now);
            }
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private void checkOrder(String body) {
        Matcher matcher = SEQUENCE.matcher(body);
        if (!matcher.find()) {
            outOfOrder.incrementAndGet();
            return;
        }
        long sequence = Long.parseLong(matcher.group(1));
        String subject = "bench-content-" + (sequence % subjects);
        long[] before = {-1};
        lastSequenceOfSubject.merge(subject, sequence, (last, current) -> {
            before[0] = last;
            return Math.max(last, current);
        });
        if (before[0] > sequence) {
            outOfOrder.incrementAndGet();
        }
    }

    private boolean verified(String id, String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null) {
            return false;
        }
        Mac mac = macs.get();
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = ("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
        for (String candidate : signature.split(" ")) {
            if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    private boolean report(Phase phase) {
        int delivered = (int) Math.min(phase.delivered.get(), phase.latencies.length);
        long[] sorted = Arrays.copyOf(phase.latencies, delivered);
        Arrays.sort(sorted);
        double seconds = (phase.lastDelivery - phase.firstPublish) / 1e9;
        double throughput = delivered == 0 || seconds <= 0 ? 0 : delivered / seconds;
        double publishRate = phase.published / ((phase.lastPublish - phase.firstPublish) / 1e9);
        long missing = phase.published - delivered;
        System.out.printf(Locale.ROOT, "  published %d (%.0f/s), delivered %d, missing %d, duplicates %d%n",
                phase.published, publishRate, delivered, missing, phase.duplicates.get());
        System.out.printf(Locale.ROOT, "  deliveries/s %.1f (first publish to last delivery)%n", throughput);
        System.out.printf(Locale.ROOT, "  event-to-delivery ms p50 %s p99 %s p99.9 %s max %s%n", millis(sorted, 0.5),
                millis(sorted, 0.99), millis(sorted, 0.999), delivered == 0 ? "-" : ms(sorted[delivered - 1]));
        System.out.printf(Locale.ROOT, "RESULT phase=%s published=%d publish_rate=%.1f delivered=%d missing=%d "
                        + "duplicates=%d throughput=%.1f p50=%s p99=%s p999=%s max=%s%n",
                phase.name, phase.published, publishRate, delivered, missing, phase.duplicates.get(), throughput,
                millis(sorted, 0.5), millis(sorted, 0.99), millis(sorted, 0.999),
                delivered == 0 ? "-" : ms(sorted[delivered - 1]));
        return missing == 0 && phase.duplicates.get() == 0;
    }

    private static String millis(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return "-";
        }
        int index = (int) Math.ceil(percentile * sorted.length) - 1;
        return ms(sorted[Math.max(0, index)]);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private String required(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private int integer(String name, int fallback) {
        String value = options.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
