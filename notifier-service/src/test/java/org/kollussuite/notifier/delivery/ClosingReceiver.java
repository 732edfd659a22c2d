package org.kollussuite.notifier.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A receiver that keeps connections alive, then closes one without answering when a second request comes on
 * it, as a server does whose idle timeout ends just as the client reuses the connection. Keeps the
 * {@code webhook-id} of every request it answered.
 */
final class ClosingReceiver implements AutoCloseable {

    private final ServerSocket server;
    private final Set<String> answered = ConcurrentHashMap.newKeySet();

    ClosingReceiver() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "closing-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/closing";
    }

    Set<String> answered() {
        return answered;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread connection = new Thread(() -> serve(socket), "closing-receiver-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Answers the first request of the connection with 200, and closes it when the second one arrives. */
    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String id = readRequest(in);
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            answered.add(id);
            readRequest(in);
        } catch (IOException e) {
            // The client closed the connection: nothing to answer.
        }
    }

    /** Reads one request's head and body, and answers its webhook-id. */
    private static String readRequest(BufferedReader in) throws IOException {
        String id = null;
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).trim().toLowerCase();
            if (name.equals("webhook-id")) {
                id = line.substring(colon + 1).trim();
            } else if (name.equals("content-length")) {
                length = Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        for (int i = 0; i < length; i++) {
            if (in.read() < 0) {
                throw new IOException("the request ended early");
            }
        }
        return id;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
