package org.pixelproof.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Test helper: HTTP/1.1 requests written byte by byte on a socket to the test server, for what ordinary
 * clients will not send: bodies without a length, malformed multipart, huge header lines. The request is written on
 * another thread while the answer is read, so that a server that answers early and closes is seen as a client sees it.
 */
final class RawHttp {
    private RawHttp() {
    }

    /** @return the test server's port, as Quarkus gave it to REST Assured */
    static int port() {
        return io.restassured.RestAssured.port;
    }

    /** A parsed answer: status, lower-case header names, body (chunked decoding is not needed: bodies are small). */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        @Override
        public String toString() {
            return status + " " + headers + "\n" + body;
        }
    }

    /** A multipart upload of {@code bytes} bytes of {@code a}, sent in chunks without a Content-Length. */
    static Answer chunkedUpload(String path, int bytes) throws IOException {
        String boundary = "rawboundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"email\"; filename=\"big.eml\"\r\n"
                + "Content-Type: message/rfc822\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        String headers = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port() + "\r\n"
                + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        return exchange(headers.getBytes(StandardCharsets.US_ASCII), out -> {
            chunk(out, head);
            byte[] block = new byte[64 * 1024];
            java.util.Arrays.fill(block, (byte) 'a');
            for (int sent = 0; sent < bytes; sent += block.length) {
                chunk(out, block);
            }
            chunk(out, tail);
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
    }

    /** Sends {@code request} as is (headers and body) and reads the answer. */
    static Answer send(byte[] request) throws IOException {
        return exchange(request, out -> { });
    }

    interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void chunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static Answer exchange(byte[] head, Body body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port()), 5_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    out.write(head);
                    body.write(out);
                    out.flush();
                } catch (IOException e) {
                    // the server answered and closed before the whole request was sent: what is tested
                }
            });
            Answer a = read(socket.getInputStream());
            writing.join();
            return a;
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int headerEnd = -1;
        long contentLength = -1;
        for (int n; (n = in.read(buf)) > 0; ) {
            all.write(buf, 0, n);
            String sofar = all.toString(StandardCharsets.ISO_8859_1);
            if (headerEnd < 0 && (headerEnd = sofar.indexOf("\r\n\r\n")) >= 0) {
                for (String line : sofar.substring(0, headerEnd).split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        contentLength = Long.parseLong(line.substring(15).strip());
                    }
                }
            }
            if (headerEnd >= 0 && contentLength >= 0 && all.size() >= headerEnd + 4 + contentLength) {
                break;
            }
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        return new Answer(status, headers, text.substring(end + 4));
    }
}
