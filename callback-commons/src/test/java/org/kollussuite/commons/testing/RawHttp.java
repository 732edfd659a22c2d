package org.kollussuite.commons.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 client for hostile requests: it sends the request target and body exactly as given (broken
 * percent escapes included), which regular clients refuse or repair.
 */
public final class RawHttp {

    private static final int TIMEOUT_MILLIS = 10_000;

    private RawHttp() {
    }

    /**
     * A request as sent: the target keeps its escapes; an empty content type sends none; headers go as given,
     * a {@code Content-Length} among them in place of the body's own.
     */
    public record Request(String method, String target, String contentType, byte[] body, Map<String, String> headers) {

        public Request(String method, String target, String contentType, byte[] body) {
            this(method, target, contentType, body, Map.of());
        }

        /** The same request with {@code name: value} added to its headers. */
        public Request withHeader(String name, String value) {
            Map<String, String> more = new HashMap<>(headers);
            more.put(name, value);
            return new Request(method, target, contentType, body, Map.copyOf(more));
        }

        @Override
        public String toString() {
            String shownBody = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return method + " " + shorten(target) + " [" + contentType + "] " + body.length + " bytes: "
                    + shownBody.replace("\u0000", "\\0");
        }
    }

    /** An answer: status, headers by lower-case name, body and how long it took. */
    public record Answer(int status, Map<String, String> headers, byte[] body, Duration elapsed) {

        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** A header's value, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends {@code request} to {@code host:port} on a new connection and reads the whole answer. */
    public static Answer send(String host, int port, Request request) throws IOException {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder()
                    .append(request.method()).append(' ').append(sendable(request.target())).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(':').append(port).append("\r\n")
                    .append("Connection: close\r\n");
            if (request.headers().keySet().stream().noneMatch("Content-Length"::equalsIgnoreCase)) {
                head.append("Content-Length: ").append(request.body().length).append("\r\n");
            }
            request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (!request.contentType().isEmpty()) {
                head.append("Content-Type: ").append(request.contentType()).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            IOException unsent = null;
            try {
                out.write(request.body());
                out.flush();
            } catch (IOException e) {
                // A server refuses an oversized body while it arrives and closes: its answer is still to be read.
                unsent = e;
            }
            byte[] raw;
            try {
                raw = readAll(socket.getInputStream());
            } catch (IOException e) {
                if (unsent != null) {
                    e.addSuppressed(unsent);
                }
                throw e;
            }
            if (raw.length == 0 && unsent != null) {
                throw unsent;
            }
            return parse(raw, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** The target as it can travel on a request line: bytes a request line cannot hold are escaped, nothing else. */
    static String sendable(String target) {
        StringBuilder line = new StringBuilder(target.length());
        for (byte b : target.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f || c == '#') {
                line.append('%').append(String.format("%02X", c));
            } else {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                all.write(chunk, 0, read);
            }
        } catch (java.net.SocketException reset) {
            // A server may close a refused request's connection hard once it has answered; keep what arrived.
            if (all.size() == 0) {
                throw reset;
            }
        }
        return all.toByteArray();
    }

    private static Answer parse(byte[] raw, Duration elapsed) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            throw new IOException("no HTTP answer, only " + raw.length + " bytes");
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunked(body);
        }
        return new Answer(status, headers, body, elapsed);
    }

    private static byte[] dechunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(Arrays.copyOfRange(body, at, body.length), "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String sizeLine = new String(body, at, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = Integer.parseInt(sizeLine, 16);
            if (size == 0) {
                break;
            }
            out.write(body, at + lineEnd + 2, size);
            at += lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String shorten(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...(" + text.length() + " chars)";
    }
}
