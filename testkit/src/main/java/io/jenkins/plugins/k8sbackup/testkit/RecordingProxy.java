package io.jenkins.plugins.k8sbackup.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tiny forwarding HTTP proxy for tests that proves traffic went through a proxy: it records the first request line
 * of every connection ({@code CONNECT host:port HTTP/1.1} for tunnels, {@code GET http://host:port/... HTTP/1.1} for
 * plain requests) and the {@code Proxy-Authorization} header, then forwards the bytes to the target unchanged.
 * A connection is answered 407 when the proxy requires credentials and the request carries none.
 */
public final class RecordingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> requestLines = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();
    private final boolean requireAuthorization;

    private RecordingProxy(boolean requireAuthorization) throws IOException {
        this.requireAuthorization = requireAuthorization;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "recording-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    public static RecordingProxy start() throws IOException {
        return new RecordingProxy(false);
    }

    /** A proxy that answers 407 to connections without a {@code Proxy-Authorization} header. */
    public static RecordingProxy requiringAuthorization() throws IOException {
        return new RecordingProxy(true);
    }

    /** {@code http://127.0.0.1:port}, e.g. as the value of HTTPS_PROXY. */
    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    public synchronized List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    /** The Proxy-Authorization values seen, in order (connections without one are not listed). */
    public synchronized List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "recording-proxy-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            byte[] head = readHead(in);
            String text = new String(head, StandardCharsets.ISO_8859_1);
            String requestLine = text.substring(0, Math.max(0, text.indexOf("\r\n")));
            String authorization = header(text, "proxy-authorization");
            synchronized (this) {
                requestLines.add(requestLine);
                if (authorization != null) {
                    authorizations.add(authorization);
                }
            }
            OutputStream out = client.getOutputStream();
            if (requireAuthorization && authorization == null) {
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            String[] parts = requestLine.split(" ");
            boolean tunnel = parts[0].equalsIgnoreCase("CONNECT");
            String authority = tunnel ? parts[1] : URI.create(parts[1]).getRawAuthority();
            int colon = authority.lastIndexOf(':');
            try (Socket target = new Socket(authority.substring(0, colon), Integer.parseInt(authority.substring(colon + 1)))) {
                if (tunnel) {
                    out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } else {
                    target.getOutputStream().write(head);
                }
                Thread up = new Thread(() -> pipe(in, target), "recording-proxy-up");
                up.setDaemon(true);
                up.start();
                pipe(target.getInputStream(), client);
            }
        } catch (IOException | RuntimeException ignored) {
            // a test client closing its connection is normal; what matters was recorded
        }
    }

    private static void pipe(InputStream from, Socket to) {
        try {
            from.transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException closed) {
            // the other side went away
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
