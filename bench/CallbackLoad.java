// Load generator for the callback services: open-loop constant rate (or closed-loop --max) against one target, reporting answer latency and outcomes.

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends one kind of request to a service the way its real caller does, and reports how fast and how
 * correctly the service answers. Targets: {@code platform} posts platform callbacks of a weighted mix
 * and re-sends some accepted ones; {@code play} posts play callbacks of users who all hold an
 * entitlement; {@code lms} posts the progress snapshots of simulated viewers and re-sends some
 * stored ones; {@code get} fetches one path, the trivial endpoint the others are compared with.
 *
 * <p>Rate mode is open loop: request {@code i} is due at {@code start + i / rate} whatever happened to
 * the previous ones, and its latency is measured from that due time, so a stalled service cannot hide
 * its stall by slowing the generator down (no coordinated omission). At most {@code --connections}
 * requests are in flight; a due request waiting for a free connection keeps its due time.
 *
 * <p>Max mode is closed loop: {@code --workers} workers each send their next request as soon as the
 * previous one is answered, which measures the highest throughput the service sustains.
 */
public final class CallbackLoad {

    private static final String USAGE = """
            usage: java bench/CallbackLoad.java --target platform|play|drm|lms|get [options]
              --url URL               service base URL (default http://localhost:8081 for platform,
                                      http://localhost:8082 for play and drm, http://localhost:8083 for lms; required for get)
              --rate N                requests per second in rate mode (default 1000)
              --duration S            measured seconds (default 30)
              --warmup S              seconds of load before measuring, not recorded (default 10)
              --connections N         rate mode: requests in flight at most (default 64)
              --max                   closed-loop max-throughput mode instead of a fixed rate
              --workers N             max mode: concurrent workers (default 32)
              --timeout S             per-request timeout in seconds (default 30)
            target platform: POST /callbacks/platform/{type}?token=..., each answered accepted (re-sends: duplicate)
              --token TOKEN           KOLLUS_CALLBACK_TOKEN of the service (default bench-token)
              --account KEY           KOLLUS_SERVICE_ACCOUNT_KEY of the service (default bench-account)
              --mix LIST              callback weights (default upload=30,transcoding=30,content-update=10,channel-add=20,channel-remove=10)
              --duplicate-ratio R     share of requests re-sending an accepted body, which must answer duplicate (default 0.1)
            target play: POST /callbacks/channels/{channel}/play?token=..., kind 1, users bench-user-1..N in turn,
                                      each answered by a JWT whose payload's result is 1 and the X-Kollus-UserKey header
              --token TOKEN           KOLLUS_CALLBACK_TOKEN of the service (default bench-token)
              --channel KEY           Kollus channel key, whose users must all hold an entitlement (default bench-channel)
              --users N               users cycled through (default 10000)
              --content KEY           media_content_key of every request (default bench-content)
              --custom-key KEY        KOLLUS_CUSTOM_KEY of the service, the X-Kollus-UserKey due (default bench-custom-key)
            target drm: POST /callbacks/channels/{channel}/drm?token=..., a bulk renewal per request (kind-3 items,
                                      reset_req=1, contents bench-content-0..), every item answered with result 1
              --token, --channel, --custom-key as for play
              --users N               users cycled through, each holding a whole-channel entitlement (default 100)
              --items N               items per request (default 500)
            target lms: POST /callbacks/channels/{channel}/lms?token=... with form field json_data, viewers in turn,
                                      each posting its session's cumulative snapshot, each answered {"result":1}
              --token TOKEN           KOLLUS_CALLBACK_TOKEN of the service (default bench-token)
              --channel KEY           Kollus channel key (default bench-channel)
              --viewers N             simulated viewers, bench-viewer-1..N, each watching one content (default 20000)
              --contents N            contents bench-content-1..N the viewers share, 5 to 60 minutes long (default 200)
              --duplicate-ratio R     share of requests re-sending an answered snapshot exactly (default 0.05)
              --shape S               document (Kollus' JSON document in json_data) or flat (no document: ID, MCK, TM,
                                      PT, real_playtime, ET, DUR and 1-based B1..B10, T1..T10, as a channel whose
                                      plugin options rename every key sends; default document)
              --unreadable-ratio R    share of requests carrying an unreadable snapshot (malformed JSON), which the
                                      service quarantines and acknowledges all the same (default 0)
            target get: GET of one path, each answered 200
              --path PATH             path and query (default /q/health/live)
            Exits 1 when any measured request got an answer other than 200, failed, or got the wrong answer.""";

    /**
     * One request to send; a repeat re-sends an earlier request, which is due a different answer; an unreadable
     * one carries what the service can only set apart.
     */
    private record Call(byte[] request, boolean repeat, boolean unreadable) {

        Call(byte[] request, boolean repeat) {
            this(request, repeat, false);
        }
    }

    /** A status, headers (names in lower case) and body read off the wire. */
    private record Answer(int status, Map<String, String> headers, String body) {
    }

    /**
     * What a 200 answer amounts to: {@code kind} is counted by name in the report (null: not counted),
     * {@code problem} says what is wrong with it and is null when it is the answer due.
     */
    private record Outcome(String kind, String problem) {
    }

    /** What to send, and which answers are due: one implementation per {@code --target}. */
    private interface Target {

        /** The requests, for the first line of the report. */
        String description();

        /** The answer due, for the report's count of answers that were not. */
        String due();

        Call next();

        /** Judges a 200 answer to {@code call}. */
        Outcome check(Call call, Answer answer);
    }

    /** Option values by name, consumed as read so that whatever is left over is unknown. */
    private static final class Arguments {

        private final Map<String, String> values = new LinkedHashMap<>();
        private boolean max;

        Arguments(String[] args) {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--max")) {
                    max = true;
                } else if (args[i].startsWith("--") && i + 1 < args.length) {
                    values.put(args[i].substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown or incomplete option " + args[i]);
                }
            }
        }

        String text(String name, String fallback) {
            String value = values.remove(name);
            if (value == null && fallback == null) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return value == null ? fallback : value;
        }

        double number(String name, String fallback) {
            try {
                return Double.parseDouble(text(name, fallback));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " needs a number");
            }
        }

        double positive(String name, String fallback) {
            double value = number(name, fallback);
            if (value <= 0) {
                throw new IllegalArgumentException("--" + name + " must be positive");
            }
            return value;
        }

        double ratio(String name, String fallback) {
            double value = number(name, fallback);
            if (value < 0 || value > 1) {
                throw new IllegalArgumentException("--" + name + " must be within [0, 1]");
            }
            return value;
        }

        void requireAllUsed(String target) {
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("unknown option --" + values.keySet().iterator().next()
                        + " for target " + target);
            }
        }
    }

    /** The command line: the options of every target, and the target built from its own. */
    private record Options(URI url, String targetName, Target target, double rate, int duration, int warmup,
                           int connections, boolean max, int workers, int timeout) {

        static Options parse(String[] args) {
            Arguments arguments = new Arguments(args);
            String targetName = arguments.text("target", null);
            String defaultUrl = switch (targetName) {
                case "platform" -> "http://localhost:8081";
                case "play", "drm" -> "http://localhost:8082";
                case "lms" -> "http://localhost:8083";
                case "get" -> null;
                default -> throw new IllegalArgumentException("--target is platform, play, drm, lms or get, not " + targetName);
            };
            URI url = URI.create(arguments.text("url", defaultUrl).replaceAll("/+$", ""));
            Target target = switch (targetName) {
                case "platform" -> new PlatformTarget(arguments, url);
                case "play" -> new PlayTarget(arguments, url);
                case "drm" -> new DrmTarget(arguments, url);
                case "lms" -> new LmsTarget(arguments, url);
                default -> new GetTarget(arguments, url);
            };
            Options options = new Options(url, targetName, target,
                    arguments.positive("rate", "1000"),
                    (int) arguments.positive("duration", "30"),
                    (int) arguments.number("warmup", "10"),
                    (int) arguments.positive("connections", "64"),
                    arguments.max,
                    (int) arguments.positive("workers", "32"),
                    (int) arguments.positive("timeout", "30"));
            arguments.requireAllUsed(targetName);
            if (options.warmup < 0) {
                throw new IllegalArgumentException("--warmup must be >= 0");
            }
            return options;
        }
    }

    /** A whole HTTP/1.1 request, head and body in one array so that it leaves in a single write. */
    private static byte[] request(String method, URI url, String pathAndQuery, String form) {
        byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + url.getRawPath() + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: " + url.getHost() + ":" + url.getPort() + "\r\n"
                + (form == null ? "" : "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + body.length + "\r\n")
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /**
     * Form encoding, as {@link URLEncoder} does it (space as {@code +}, UTF-8 bytes as {@code %XX}),
     * in one pass over the bytes: every LMS snapshot is a JSON document of hundreds of characters to
     * encode, and {@code URLEncoder} took a third of the generator's CPU.
     */
    private static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        byte[] encoded = new byte[bytes.length * 3];
        int n = 0;
        for (byte b : bytes) {
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '.' || b == '-' || b == '*' || b == '_') {
                encoded[n++] = b;
            } else if (b == ' ') {
                encoded[n++] = '+';
            } else {
                encoded[n++] = '%';
                encoded[n++] = HEX[(b >> 4) & 0xF];
                encoded[n++] = HEX[b & 0xF];
            }
        }
        return new String(encoded, 0, n, StandardCharsets.US_ASCII);
    }

    /** URLEncoder encodes forms; a path segment wants %20, not +, for a space. */
    private static String encodeSegment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        String stripped = text == null ? "" : text.strip();
        return stripped.length() > 200 ? stripped.substring(0, 200) + "..." : stripped;
    }

    /**
     * Exact re-sends of answered requests, a share of all requests, as callers re-send what they stored.
     * Only the last {@value #REMEMBERED} answered requests are kept, so that memory stays bounded
     * however long the run.
     */
    private static final class Resends {

        private static final int REMEMBERED = 10_000;

        private final double ratio;
        private final byte[][] answered = new byte[REMEMBERED][];
        private long answeredCount;

        Resends(double ratio) {
            this.ratio = ratio;
        }

        /** An answered request to send again for a share {@code ratio} of calls, otherwise (or before any answer) null. */
        byte[] next(ThreadLocalRandom random) {
            if (answeredCount == 0 || random.nextDouble() >= ratio) {
                return null;
            }
            return answered[random.nextInt((int) Math.min(answeredCount, REMEMBERED))];
        }

        void answered(byte[] request) {
            answered[(int) (answeredCount++ % REMEMBERED)] = request;
        }
    }

    /** Platform callbacks of the mix with unique keys, answered accepted; re-sent accepted ones, answered duplicate. */
    private static final class PlatformTarget implements Target {

        private static final List<String> TYPES =
                List.of("upload", "transcoding", "content-update", "channel-add", "channel-remove");
        private static final Pattern RESULT = Pattern.compile("\"result\"\\s*:\\s*\"([^\"]*)\"");

        private final URI url;
        private final String token;
        private final String account;
        private final Map<String, Integer> mix;
        private final Resends resends;
        private final String[] types;
        private final int[] cumulativeWeights;
        private final String runId = UUID.randomUUID().toString().substring(0, 8);
        private long sequence;

        PlatformTarget(Arguments arguments, URI url) {
            this.url = url;
            this.token = arguments.text("token", "bench-token");
            this.account = arguments.text("account", "bench-account");
            this.mix = mix(arguments.text("mix",
                    "upload=30,transcoding=30,content-update=10,channel-add=20,channel-remove=10"));
            this.resends = new Resends(arguments.ratio("duplicate-ratio", "0.1"));
            this.types = mix.keySet().toArray(String[]::new);
            this.cumulativeWeights = new int[types.length];
            int total = 0;
            for (int i = 0; i < types.length; i++) {
                total += mix.get(types[i]);
                cumulativeWeights[i] = total;
            }
        }

        private static Map<String, Integer> mix(String text) {
            Map<String, Integer> weights = new LinkedHashMap<>();
            for (String entry : text.split(",")) {
                String[] pair = entry.strip().split("=");
                if (pair.length != 2 || !TYPES.contains(pair[0].strip())) {
                    throw new IllegalArgumentException("--mix entries are <type>=<weight>, types " + TYPES);
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

        @Override
        public String description() {
            return String.format(Locale.ROOT, "platform callbacks, mix %s, duplicates %.0f%%", mix, resends.ratio * 100);
        }

        @Override
        public String due() {
            return "accepted, or duplicate for a re-send";
        }

        @Override
        public Call next() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            byte[] earlier = resends.next(random);
            if (earlier != null) {
                return new Call(earlier, true);
            }
            int pick = random.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
            int index = 0;
            while (cumulativeWeights[index] <= pick) {
                index++;
            }
            String type = types[index];
            return new Call(request("POST", url, "/callbacks/platform/" + type + "?token=" + encode(token),
                    form(type, random)), false);
        }

        @Override
        public Outcome check(Call call, Answer answer) {
            Matcher matcher = RESULT.matcher(answer.body());
            String result = matcher.find() ? matcher.group(1) : null;
            String due = call.repeat() ? "duplicate" : "accepted";
            if (!due.equals(result)) {
                return new Outcome(result == null ? "no result" : result,
                        (call.repeat() ? "re-sent" : "fresh") + " callback answered " + abbreviate(answer.body()));
            }
            if (!call.repeat()) {
                resends.answered(call.request());
            }
            return new Outcome(result, null);
        }

        private String form(String type, ThreadLocalRandom random) {
            long n = ++sequence;
            String key = runId + "-" + n;
            StringBuilder form = new StringBuilder(256)
                    .append("content_provider_key=").append(encode(account))
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
    }

    /**
     * Kind-1 play callbacks of users bench-user-1..N in turn, all entitled, so every answer is due to
     * grant: a JWT whose payload's {@code result} is the integer 1 (its signature is not checked), with
     * the {@code X-Kollus-UserKey} header.
     */
    private static final class PlayTarget implements Target {

        private static final Pattern RESULT = Pattern.compile("\"result\"\\s*:\\s*(-?\\d+)\\s*[,}]");

        private final String channel;
        private final String content;
        private final String customKey;
        private long sequence;
        /** Built once, one per user, so that the generator's own work stays small next to the service's. */
        private final byte[][] requests;

        PlayTarget(Arguments arguments, URI url) {
            String token = arguments.text("token", "bench-token");
            this.channel = arguments.text("channel", "bench-channel");
            int users = (int) arguments.positive("users", "10000");
            this.content = arguments.text("content", "bench-content");
            this.customKey = arguments.text("custom-key", "bench-custom-key");
            String path = "/callbacks/channels/" + encodeSegment(channel) + "/play?token=" + encode(token);
            this.requests = new byte[users][];
            for (int user = 1; user <= users; user++) {
                requests[user - 1] = request("POST", url, path, "kind=1&client_user_id=bench-user-" + user
                        + "&media_content_key=" + encode(content) + "&player_id=bench-player-" + user
                        + "&device_name=" + encode("bench device"));
            }
        }

        @Override
        public String description() {
            return "play callbacks (kind 1), channel " + channel + ", content " + content + ", "
                    + requests.length + " users in turn";
        }

        @Override
        public String due() {
            return "a JWT whose payload's result is 1, with X-Kollus-UserKey " + customKey;
        }

        @Override
        public Call next() {
            return new Call(requests[(int) (sequence++ % requests.length)], false);
        }

        @Override
        public Outcome check(Call call, Answer answer) {
            Signed signed = Signed.of(answer, customKey);
            if (signed.wrong() != null) {
                return signed.wrong();
            }
            Matcher matcher = RESULT.matcher(signed.payload());
            String result = matcher.find() ? matcher.group(1) : null;
            return "1".equals(result) ? new Outcome("result 1", null)
                    : new Outcome("result " + result, "play answered " + abbreviate(signed.payload()));
        }
    }

    /**
     * A player callback answer as the player reads it: the payload of its JWT, or why it is not a
     * signed answer (the {@code X-Kollus-UserKey} header wrong, the body not a compact JWT).
     */
    private record Signed(String payload, Outcome wrong) {

        static Signed of(Answer answer, String customKey) {
            String userKey = answer.headers().get("x-kollus-userkey");
            if (!customKey.equals(userKey)) {
                return new Signed(null, new Outcome("wrong X-Kollus-UserKey",
                        "X-Kollus-UserKey " + (userKey == null ? "missing" : "was " + userKey)));
            }
            String payload = payload(answer.body());
            return payload != null ? new Signed(payload, null)
                    : new Signed(null, new Outcome("not a JWT", "answer is not a compact JWT: " + abbreviate(answer.body())));
        }

        /** The decoded payload of a compact JWT, or null when {@code token} is not one. */
        private static String payload(String token) {
            String[] parts = token.strip().split("\\.", -1);
            if (parts.length != 3) {
                return null;
            }
            try {
                return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /**
     * Bulk DRM renewals as the Kollus mobile SDK sends them: one request per device carrying a kind-3
     * item ({@code reset_req=1}) for each of its {@code --items} downloads. Every item is due to be
     * answered, in order, with {@code result: 1} (each user holds a whole-channel entitlement).
     */
    private static final class DrmTarget implements Target {

        private static final Pattern RESULT = Pattern.compile("\"result\"\\s*:\\s*(-?\\d+)\\s*[,}]");

        private final String channel;
        private final String customKey;
        private final int items;
        private final int bodyBytes;
        private long sequence;
        private final byte[][] requests;

        DrmTarget(Arguments arguments, URI url) {
            String token = arguments.text("token", "bench-token");
            this.channel = arguments.text("channel", "bench-channel");
            int users = (int) arguments.positive("users", "100");
            this.items = (int) arguments.positive("items", "500");
            this.customKey = arguments.text("custom-key", "bench-custom-key");
            String path = "/callbacks/channels/" + encodeSegment(channel) + "/drm?token=" + encode(token);
            this.requests = new byte[users][];
            int bytes = 0;
            for (int user = 1; user <= users; user++) {
                StringBuilder renewal = new StringBuilder("[");
                for (int item = 0; item < items; item++) {
                    renewal.append(item == 0 ? "" : ",").append("{\"kind\":3,\"client_user_id\":\"bench-user-").append(user)
                            .append("\",\"player_id\":\"bench-player-").append(user)
                            .append("\",\"hardware_id\":\"\",\"device_name\":\"bench device\",\"media_content_key\":\"bench-content-")
                            .append(item).append("\",\"uservalues\":{\"uservalue0\":\"course-").append(item % 20)
                            .append("\"},\"localtime\":1735689600,\"start_at\":").append(1735689600 + item)
                            .append(",\"content_expired\":0,\"check_expired\":0,\"reset_req\":1,")
                            .append("\"expiration_date\":1767225599,\"session_key\":\"bench-session-").append(item).append("\"}");
                }
                String body = "items=" + encode(renewal.append(']').toString());
                bytes = body.length();
                requests[user - 1] = request("POST", url, path, body);
            }
            this.bodyBytes = bytes;
        }

        @Override
        public String description() {
            return "bulk DRM renewals: " + items + " kind-3 items (" + bodyBytes / 1024 + " KiB) per request, channel "
                    + channel + ", " + requests.length + " users in turn";
        }

        @Override
        public String due() {
            return "a JWT whose payload answers all " + items + " items with result 1, with X-Kollus-UserKey " + customKey;
        }

        @Override
        public Call next() {
            return new Call(requests[(int) (sequence++ % requests.length)], false);
        }

        @Override
        public Outcome check(Call call, Answer answer) {
            Signed signed = Signed.of(answer, customKey);
            if (signed.wrong() != null) {
                return signed.wrong();
            }
            Matcher matcher = RESULT.matcher(signed.payload());
            int allowed = 0;
            int answered = 0;
            while (matcher.find()) {
                answered++;
                allowed += "1".equals(matcher.group(1)) ? 1 : 0;
            }
            return allowed == items ? new Outcome("every item result 1", null)
                    : new Outcome("not every item allowed", answered + " items answered, " + allowed + " allowed: "
                    + abbreviate(signed.payload()));
        }
    }

    /**
     * LMS progress snapshots as the Kollus player posts them: the JSON document of the viewer's current
     * session in form field {@code json_data}, or its values as renamed flat keys ({@code --shape flat}),
     * cumulative within the session that {@code start_at} identifies. Viewers bench-viewer-1..N post in turn, each watching one content: between two of its
     * snapshots a viewer's playtime and position grow by the time that passed, and the blocks it
     * played through fill in; at the end of the content it starts a new session from the beginning.
     * Some requests re-send an answered snapshot exactly, and some may carry an unreadable one. Every
     * answer, re-sends' and unreadable ones' included, is due to be {@code {"result":1}}: the service
     * acknowledges a duplicate like the original, and quarantines what it cannot read.
     */
    private static final class LmsTarget implements Target {

        private static final int BLOCKS = 10;
        private static final Pattern STORED = Pattern.compile("\\{\\s*\"result\"\\s*:\\s*1\\s*}");
        private static final Outcome FRESH = new Outcome("fresh", null);
        private static final Outcome RESENT = new Outcome("re-send", null);
        private static final Outcome UNREADABLE = new Outcome("unreadable", null);

        /** One viewer and its current session. */
        private static final class Viewer {

            private final String user;
            private final String player;
            private final String content;
            private final int duration;
            private long startAt;
            /** The position, in seconds of the content, where the session began. */
            private int from;
            private long playedMillis;
            private long lastNanos;
            private boolean ended;

            Viewer(int index, String content, int duration, long startAt, int from, long nanos) {
                this.user = "bench-viewer-" + index;
                this.player = "bench-player-" + index;
                this.content = content;
                this.duration = duration;
                this.startAt = startAt;
                this.from = from;
                this.lastNanos = nanos;
            }
        }

        private final URI url;
        private final String path;
        private final String channel;
        private final int contents;
        private final Resends resends;
        private final boolean flat;
        private final double unreadableRatio;
        private final Viewer[] viewers;
        private long sequence;
        private final long startEpochSecond = Instant.now().getEpochSecond();
        private final long startNanos = System.nanoTime();

        LmsTarget(Arguments arguments, URI url) {
            this.url = url;
            String token = arguments.text("token", "bench-token");
            this.channel = arguments.text("channel", "bench-channel");
            this.path = "/callbacks/channels/" + encodeSegment(channel) + "/lms?token=" + encode(token);
            this.viewers = new Viewer[(int) arguments.positive("viewers", "20000")];
            this.contents = (int) arguments.positive("contents", "200");
            this.resends = new Resends(arguments.ratio("duplicate-ratio", "0.05"));
            String shape = arguments.text("shape", "document");
            if (!shape.equals("document") && !shape.equals("flat")) {
                throw new IllegalArgumentException("--shape is document or flat, not " + shape);
            }
            this.flat = shape.equals("flat");
            this.unreadableRatio = arguments.ratio("unreadable-ratio", "0");
            int[] durations = new int[contents];
            for (int c = 0; c < contents; c++) {
                // Seeded by the content, so that a content keeps its duration from one run to the next.
                durations[c] = new SplittableRandom(c).nextInt(300, 3601);
            }
            // Every viewer's first session begins with the run, at a random position, as when resuming
            // where an earlier session left off: so some viewers reach the end, and start a new
            // session, within a run of a few minutes.
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < viewers.length; i++) {
                int c = i % contents;
                viewers[i] = new Viewer(i + 1, "bench-content-" + (c + 1), durations[c], startEpochSecond,
                        random.nextInt(durations[c]), startNanos);
            }
        }

        @Override
        public String description() {
            return String.format(Locale.ROOT, "LMS snapshots (%s) of %d viewers in turn on %d contents, channel %s, "
                    + "re-sends %.0f%%, unreadable %.0f%%", flat ? "flat keys" : "JSON document", viewers.length,
                    contents, channel, resends.ratio * 100, unreadableRatio * 100);
        }

        @Override
        public String due() {
            return "{\"result\":1}";
        }

        @Override
        public Call next() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            byte[] earlier = resends.next(random);
            if (earlier != null) {
                return new Call(earlier, true);
            }
            if (unreadableRatio > 0 && random.nextDouble() < unreadableRatio) {
                return new Call(request("POST", url, path, "json_data=" + encode("{\"user_info\":{\"client_user_id\":\"bench-"
                        + random.nextLong() + "\"")), false, true);
            }
            Viewer viewer = viewers[(int) (sequence++ % viewers.length)];
            String form = flat ? flatSnapshot(viewer, System.nanoTime())
                    : "json_data=" + encode(snapshot(viewer, System.nanoTime()));
            return new Call(request("POST", url, path, form), false);
        }

        @Override
        public Outcome check(Call call, Answer answer) {
            if (!STORED.matcher(answer.body().strip()).matches()) {
                return new Outcome("other answer",
                        (call.repeat() ? "re-sent" : "fresh") + " snapshot answered " + abbreviate(answer.body()));
            }
            if (call.unreadable()) {
                return UNREADABLE;
            }
            if (!call.repeat()) {
                resends.answered(call.request());
            }
            return call.repeat() ? RESENT : FRESH;
        }

        /** Moves the viewer on to {@code now} and answers its session's snapshot as the flat form of a renaming channel. */
        private String flatSnapshot(Viewer viewer, long now) {
            long position = advance(viewer, now);
            long playtime = position - viewer.from;
            StringBuilder form = new StringBuilder(400)
                    .append("ID=").append(viewer.user).append("&MCK=").append(viewer.content)
                    .append("&TM=").append(viewer.startAt).append("&PT=").append(playtime)
                    .append("&real_playtime=").append(playtime).append("&ET=").append(position)
                    .append("&DUR=").append(viewer.duration).append("&status=play");
            for (int i = 0; i < BLOCKS; i++) {
                long played = played(viewer, position, i);
                form.append("&B").append(i + 1).append('=').append(percent(viewer, played, i) == 100 ? 1 : 0)
                        .append("&T").append(i + 1).append('=').append(played);
            }
            return form.toString();
        }

        /** Moves the viewer on to {@code now} and answers its session's snapshot as JSON. */
        private String snapshot(Viewer viewer, long now) {
            long position = advance(viewer, now);
            long playtime = position - viewer.from;
            StringBuilder json = new StringBuilder(640)
                    .append("{\"user_info\":{\"client_user_id\":\"").append(viewer.user)
                    .append("\",\"player_id\":\"").append(viewer.player)
                    .append("\"},\"content_info\":{\"media_content_key\":\"").append(viewer.content)
                    .append("\",\"duration\":").append(viewer.duration)
                    .append(",\"start_at\":").append(viewer.startAt)
                    .append(",\"playtime\":").append(playtime)
                    .append(",\"real_playtime\":").append(playtime)
                    .append(",\"last_play_at\":").append(position)
                    .append("},\"block_info\":{\"block_count\":").append(BLOCKS).append(",\"blocks\":{");
            for (int i = 0; i < BLOCKS; i++) {
                long played = played(viewer, position, i);
                json.append(i == 0 ? "" : ",").append("\"b").append(i).append("\":")
                        .append(percent(viewer, played, i) == 100 ? 1 : 0)
                        .append(",\"t").append(i).append("\":").append(played)
                        .append(",\"p").append(i).append("\":").append(percent(viewer, played, i));
            }
            return json.append("}}}").toString();
        }

        /** Seconds of block {@code i}, which spans [low, high) of the content, that the session played up to {@code position}. */
        private static long played(Viewer viewer, long position, int i) {
            long low = (long) i * viewer.duration / BLOCKS;
            long high = (long) (i + 1) * viewer.duration / BLOCKS;
            return Math.max(0, Math.min(position, high) - Math.max(viewer.from, low));
        }

        private static long percent(Viewer viewer, long played, int i) {
            long low = (long) i * viewer.duration / BLOCKS;
            long high = (long) (i + 1) * viewer.duration / BLOCKS;
            return played * 100 / (high - low);
        }

        /** Moves the viewer on to {@code now}, starting a new session after an ended one; answers its position. */
        private long advance(Viewer viewer, long now) {
            if (viewer.ended) {
                // The next session begins as soon as the last one ended; start_at identifies it, so it must be later.
                viewer.startAt = Math.max(startEpochSecond + (viewer.lastNanos - startNanos) / 1_000_000_000L,
                        viewer.startAt + 1);
                viewer.from = 0;
                viewer.playedMillis = 0;
                viewer.ended = false;
            }
            long elapsedMillis = (now - viewer.lastNanos) / 1_000_000;
            // Players report whole seconds. At least one more each time, so that a fresh snapshot always
            // carries news, even when viewers are fewer than the requests sent per second.
            viewer.playedMillis = Math.max(viewer.playedMillis + elapsedMillis, (viewer.playedMillis / 1000 + 1) * 1000);
            viewer.lastNanos = now;
            long playtime = viewer.playedMillis / 1000;
            long position = viewer.from + playtime;
            if (position >= viewer.duration) {
                position = viewer.duration;
                viewer.ended = true;
            }
            return position;
        }
    }

    /** GET of one fixed path; any 200 is the answer due. */
    private static final class GetTarget implements Target {

        private static final Outcome FINE = new Outcome(null, null);

        private final String path;
        private final Call call;

        GetTarget(Arguments arguments, URI url) {
            this.path = arguments.text("path", "/q/health/live");
            this.call = new Call(request("GET", url, path, null), false);
        }

        @Override
        public String description() {
            return "GET " + path;
        }

        @Override
        public String due() {
            return "any 200";
        }

        @Override
        public Call next() {
            return call;
        }

        @Override
        public Outcome check(Call call, Answer answer) {
            return FINE;
        }
    }

    /** Outcomes and latencies of the 200 answers of one phase. */
    private static final class Stats {

        private final long windowStart;
        private long[] latencies = new long[1 << 16];
        private int ok;
        private long requests, non200, serverErrors, errors, unexpected, lastCompletion;
        private final Map<Integer, Long> statuses = new TreeMap<>();
        private final Map<String, Long> kinds = new TreeMap<>();
        private String firstProblem;

        Stats(long windowStart) {
            this.windowStart = windowStart;
        }

        void sent() {
            requests++;
        }

        /** Records an answer; {@code outcome} is null unless the status is 200. */
        void answered(Answer answer, Outcome outcome, long latencyNanos, long now) {
            lastCompletion = Math.max(lastCompletion, now);
            int status = answer.status();
            if (status != 200) {
                non200++;
                serverErrors += status >= 500 ? 1 : 0;
                statuses.merge(status, 1L, Long::sum);
                problem("HTTP " + status + " " + abbreviate(answer.body()));
                return;
            }
            if (ok == latencies.length) {
                latencies = Arrays.copyOf(latencies, ok * 2);
            }
            latencies[ok++] = latencyNanos;
            if (outcome.kind() != null) {
                kinds.merge(outcome.kind(), 1L, Long::sum);
            }
            if (outcome.problem() != null) {
                unexpected++;
                problem(outcome.problem());
            }
        }

        void failed(Throwable failure, long now) {
            lastCompletion = Math.max(lastCompletion, now);
            errors++;
            problem(failure.toString());
        }

        boolean clean() {
            return non200 == 0 && errors == 0 && unexpected == 0;
        }

        String summary(String label) {
            return String.format(Locale.ROOT, "%s: %d requests, %d answered 200, %d non-200, %d errors",
                    label, requests, ok, non200, errors);
        }

        void report(String mode, String target, String due) {
            long[] sorted = Arrays.copyOf(latencies, ok);
            Arrays.sort(sorted);
            double seconds = (lastCompletion - windowStart) / 1e9;
            double throughput = ok == 0 || seconds <= 0 ? 0 : ok / seconds;
            String p50 = millis(sorted, 0.50), p90 = millis(sorted, 0.90), p99 = millis(sorted, 0.99),
                    p999 = millis(sorted, 0.999), max = ok == 0 ? "-" : ms(sorted[ok - 1]);
            System.out.printf(Locale.ROOT, "requests        %d%n", requests);
            System.out.printf(Locale.ROOT, "throughput      %.1f 200/s%n", throughput);
            System.out.printf(Locale.ROOT, "latency ms      p50 %s  p90 %s  p99 %s  p99.9 %s  max %s%n",
                    p50, p90, p99, p999, max);
            System.out.printf(Locale.ROOT, "200             %d%s%n", ok, kinds.isEmpty() ? "" : " " + kinds);
            System.out.printf(Locale.ROOT, "non-200         %d (5xx %d)%s%n", non200, serverErrors,
                    statuses.isEmpty() ? "" : " by status " + statuses);
            System.out.printf(Locale.ROOT, "errors          %d (connection failures, timeouts)%n", errors);
            System.out.printf(Locale.ROOT, "unexpected      %d (200 answers other than the one due: %s)%n", unexpected, due);
            if (firstProblem != null) {
                System.out.println("first problem   " + firstProblem);
            }
            System.out.printf(Locale.ROOT, "RESULT mode=%s target=%s requests=%d throughput=%.1f p50=%s p90=%s p99=%s "
                            + "p999=%s max=%s ok=%d non200=%d 5xx=%d errors=%d unexpected=%d%n",
                    mode, target, requests, throughput, p50, p90, p99, p999, max, ok, non200, serverErrors, errors,
                    unexpected);
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
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final Options options;

    private CallbackLoad(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws IOException {
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
        boolean clean = new CallbackLoad(options).run();
        System.exit(clean ? 0 : 1);
    }

    private boolean run() throws IOException {
        String mode = options.max ? "max" : "rate";
        System.out.printf(Locale.ROOT, "%s mode against %s: %s, %d s warm-up + %d s measured, %s%n",
                mode, options.url, options.max ? options.workers + " closed-loop workers"
                        : options.rate + " req/s open loop, " + options.connections + " connections at most",
                options.warmup, options.duration, options.target.description());
        long start = System.nanoTime();
        Instant wallStart = Instant.now();
        long measureStart = start + TimeUnit.SECONDS.toNanos(options.warmup);
        long end = measureStart + TimeUnit.SECONDS.toNanos(options.duration);
        Stats warmup = new Stats(start);
        Stats measured = new Stats(measureStart);
        long deadline = end + TimeUnit.SECONDS.toNanos(options.timeout + 5L);
        boolean drained;
        try (Client client = new Client(options, options.max ? options.workers : options.connections)) {
            drained = options.max
                    ? client.closedLoop(end, measureStart, warmup, measured, deadline)
                    : client.openLoop(start, end, measureStart, warmup, measured, deadline);
        }
        if (!drained) {
            System.out.println("some requests were still in flight after the timeout; they are not counted");
        }
        if (options.warmup > 0) {
            System.out.println(warmup.summary("warm-up (not recorded)"));
        }
        // Wall-clock bounds let the measured window be found in the service's log.
        Instant measuredFrom = wallStart.plusSeconds(options.warmup);
        System.out.printf(Locale.ROOT, "measured        %s to %s (wall clock)%n", CLOCK.format(measuredFrom),
                CLOCK.format(measuredFrom.plusSeconds(options.duration)));
        measured.report(mode, options.targetName, options.target.due());
        return measured.clean();
    }

    /** A call on its way: due at {@code due}, its outcome recorded in {@code stats}. */
    private record Exchange(Call call, long due, Stats stats) {
    }

    /**
     * Keep-alive HTTP/1.1 connections with TCP_NODELAY, all served by one thread through a selector,
     * each request written whole: the generator shares the machine with the service, and a thread per
     * connection spent more CPU on waking threads than on the requests. The answers the selector reports
     * together count as received when it reported them.
     */
    private static final class Client implements AutoCloseable {

        private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        private final Options options;
        private final int limit;
        private final long timeoutNanos;
        private final Selector selector;
        private final ArrayDeque<Connection> idle = new ArrayDeque<>();
        private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
        private final List<Connection> open = new ArrayList<>();
        private int inFlight;
        /** Called with the time whenever an exchange ended, answered or failed. */
        private LongConsumer ended = now -> {
        };

        Client(Options options, int limit) throws IOException {
            this.options = options;
            this.limit = limit;
            this.timeoutNanos = TimeUnit.SECONDS.toNanos(options.timeout);
            this.selector = Selector.open();
        }

        /** Runs {@code workers} closed loops until {@code end}; false when some were unanswered at {@code deadline}. */
        boolean closedLoop(long end, long measureStart, Stats warmup, Stats measured, long deadline)
                throws IOException {
            int[] resting = {options.workers};
            ended = now -> resting[0]++;
            // Workers answered in a pass send their next requests after it, so that a failure met while
            // sending cannot recurse into the next send.
            return serve(deadline, now -> {
                for (; resting[0] > 0 && now < end; resting[0]--) {
                    send(now, now >= measureStart ? measured : warmup);
                }
                return now < end ? end : Long.MAX_VALUE;
            });
        }

        /** Sends a request every {@code 1 / rate} seconds until {@code end}; false when some were unanswered at {@code deadline}. */
        boolean openLoop(long start, long end, long measureStart, Stats warmup, Stats measured, long deadline)
                throws IOException {
            double intervalNanos = 1e9 / options.rate;
            long[] sent = {0};
            return serve(deadline, now -> {
                for (long due = start + (long) (sent[0] * intervalNanos); due < end;
                     due = start + (long) (sent[0] * intervalNanos)) {
                    if (due > now) {
                        return due;
                    }
                    sent[0]++;
                    send(due, due >= measureStart ? measured : warmup);
                }
                return Long.MAX_VALUE;
            });
        }

        private void send(long due, Stats stats) {
            stats.sent();
            Exchange exchange = new Exchange(options.target.next(), due, stats);
            inFlight++;
            Connection connection = idle.pollFirst();
            if (connection != null) {
                connection.start(exchange);
            } else if (open.size() < limit) {
                connect(exchange);
            } else {
                waiting.addLast(exchange);
            }
        }

        private void connect(Exchange exchange) {
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Connection connection = new Connection(channel);
                connection.exchange = exchange;
                boolean connected = channel.connect(new InetSocketAddress(options.url.getHost(), options.url.getPort()));
                connection.key = channel.register(selector, connected ? 0 : SelectionKey.OP_CONNECT, connection);
                open.add(connection);
                if (connected) {
                    connection.start(exchange);
                }
            } catch (IOException e) {
                close(channel);
                long now = System.nanoTime();
                inFlight--;
                exchange.stats().failed(e, now);
                ended.accept(now);
            }
        }

        /**
         * Serves the connections until {@code schedule}, which sends what is due at the time it is given
         * and answers when the next request will be, has nothing more to send and nothing is in flight;
         * false when something still was at {@code deadline}.
         */
        private boolean serve(long deadline, LongUnaryOperator schedule) throws IOException {
            long nextTimeoutCheck = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (true) {
                long now = System.nanoTime();
                long nextDue = schedule.applyAsLong(now);
                if (inFlight == 0 && nextDue == Long.MAX_VALUE) {
                    return true;
                }
                if (now >= deadline) {
                    return false;
                }
                if (now >= nextTimeoutCheck) {
                    expire(now);
                    nextTimeoutCheck = now + TimeUnit.SECONDS.toNanos(1);
                }
                long wait = Math.min(Math.min(nextDue, nextTimeoutCheck), deadline) - now;
                if (wait >= 1_000_000) {
                    selector.select(TimeUnit.NANOSECONDS.toMillis(wait));
                } else {
                    // The selector waits in whole milliseconds; a request due sooner would leave late.
                    LockSupport.parkNanos(wait);
                    selector.selectNow();
                }
                long received = System.nanoTime();
                Set<SelectionKey> ready = selector.selectedKeys();
                for (SelectionKey key : ready) {
                    ((Connection) key.attachment()).ready(key, received);
                }
                ready.clear();
            }
        }

        /** Fails the exchanges unanswered for longer than the timeout, closing their connections. */
        private void expire(long now) {
            for (Connection connection : List.copyOf(open)) {
                if (connection.exchange != null && now - connection.startedAt > timeoutNanos) {
                    connection.fail(new IOException("no answer within " + options.timeout + " s"), now);
                }
            }
        }

        /** Hands a freed connection the next waiting exchange, or keeps it idle. */
        private void release(Connection connection) {
            Exchange next = waiting.pollFirst();
            if (next != null) {
                connection.start(next);
            } else {
                idle.addLast(connection);
            }
        }

        @Override
        public void close() throws IOException {
            for (Connection connection : open) {
                close(connection.channel);
            }
            selector.close();
        }

        private static void close(SocketChannel channel) {
            if (channel == null) {
                return;
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing left to release.
            }
        }

        /** One connection and the exchange it carries, if any. */
        private final class Connection {

            private final SocketChannel channel;
            private SelectionKey key;
            private Exchange exchange;
            private long startedAt;
            private ByteBuffer out;
            private ByteBuffer in = ByteBuffer.allocate(4096);

            Connection(SocketChannel channel) {
                this.channel = channel;
            }

            void start(Exchange next) {
                exchange = next;
                startedAt = System.nanoTime();
                out = ByteBuffer.wrap(next.call().request());
                in.clear();
                try {
                    channel.write(out);
                    key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                } catch (IOException e) {
                    fail(e, System.nanoTime());
                }
            }

            void ready(SelectionKey readyKey, long received) {
                try {
                    if (readyKey.isConnectable()) {
                        channel.finishConnect();
                        start(exchange);
                        return;
                    }
                    if (readyKey.isWritable()) {
                        channel.write(out);
                        if (!out.hasRemaining()) {
                            key.interestOps(SelectionKey.OP_READ);
                        }
                        return;
                    }
                    if (readyKey.isReadable()) {
                        read(received);
                    }
                } catch (IOException | RuntimeException e) {
                    fail(e, received);
                }
            }

            private void read(long received) throws IOException {
                if (!in.hasRemaining()) {
                    in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
                }
                if (channel.read(in) < 0) {
                    throw new IOException("connection closed by the server");
                }
                Answer answer = answer();
                if (answer == null) {
                    return;
                }
                Exchange done = exchange;
                exchange = null;
                inFlight--;
                Outcome outcome = answer.status() == 200 ? options.target.check(done.call(), answer) : null;
                done.stats().answered(answer, outcome, received - done.due(), received);
                release(this);
                ended.accept(received);
            }

            /** The whole answer read so far, or null while some of it is still to come. */
            private Answer answer() throws IOException {
                byte[] bytes = in.array();
                int length = in.position();
                int headEnd = indexOf(bytes, length, HEAD_END);
                if (headEnd < 0) {
                    return null;
                }
                String[] lines = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
                int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
                Map<String, String> headers = new HashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    if (colon > 0) {
                        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                lines[i].substring(colon + 1).trim());
                    }
                }
                // Only Content-Length framing is read: a chunked answer would desynchronize the connection.
                if (headers.containsKey("transfer-encoding")) {
                    throw new IOException("answer with Transfer-Encoding " + headers.get("transfer-encoding")
                            + ", which this client does not read");
                }
                String contentLength = headers.get("content-length");
                int bodyStart = headEnd + HEAD_END.length;
                int bodyLength = contentLength == null ? 0 : Integer.parseInt(contentLength);
                if (length < bodyStart + bodyLength) {
                    return null;
                }
                return new Answer(status, headers, new String(bytes, bodyStart, bodyLength, StandardCharsets.UTF_8));
            }

            void fail(Throwable failure, long now) {
                open.remove(this);
                idle.remove(this);
                close(channel);
                Exchange failed = exchange;
                exchange = null;
                if (failed != null) {
                    inFlight--;
                    failed.stats().failed(failure, now);
                    ended.accept(now);
                }
            }
        }

        private static int indexOf(byte[] bytes, int length, byte[] pattern) {
            outer:
            for (int i = 0; i <= length - pattern.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (bytes[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
