package org.diplomacytracker.web.live;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A websocket client on a bare {@link Socket}, for what a well-behaved client never does: stop reading
 * (with a small receive buffer, so the server's writes back up quickly), ignore the server's pings,
 * send a frame larger than allowed. It answers nothing by itself. Reads are bounded by a deadline; a
 * read that times out fails the test (the stream cannot be resumed mid-frame).
 */
final class RawWebSocket implements AutoCloseable {

    static final int TEXT = 0x1;
    static final int CONTINUATION = 0x0;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One frame as received (server frames are not masked). */
    record Frame(int opcode, boolean fin, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame (1005 when it carries none). */
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    /** What the server sent up to its close frame (or up to the end of the stream, then {@code close} is null). */
    record UntilClose(List<JsonNode> messages, Frame close, int pings) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int status;

    private RawWebSocket(Socket socket, InputStream in, int status) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.status = status;
    }

    /**
     * Opens a socket and sends the upgrade request with {@code headers}; {@code receiveBuffer} (bytes, or
     * 0 for the system's default) is set before connecting so it bounds the TCP window.
     */
    static RawWebSocket connect(int port, String path, Map<String, String> headers, int receiveBuffer)
            throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(10_000);
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(key)).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
        InputStream in = new BufferedInputStream(socket.getInputStream());
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the upgrade; got " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int status = Integer.parseInt(text.split(" ", 3)[1]);
        return new RawWebSocket(socket, in, status);
    }

    static RawWebSocket connect(int port) throws IOException {
        return connect(port, "/api/live", Map.of(), 0);
    }

    /** The status of the upgrade answer: 101 when the server switched protocols. */
    int status() {
        return status;
    }

    void sendText(String text) throws IOException {
        sendFrame(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One masked frame, as a client must send it. */
    void sendFrame(int opcode, boolean fin, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.writeBytes(mask);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        frame.writeBytes(masked);
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The next frame, waiting at most until {@code deadline} ({@link System#nanoTime()}). */
    Frame readFrame(long deadline) throws IOException {
        int b0 = read(deadline);
        int b1 = read(deadline);
        long length = b1 & 0x7F;
        if (length == 126) {
            length = (read(deadline) << 8) | read(deadline);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | read(deadline);
            }
        }
        byte[] mask = null;
        if ((b1 & 0x80) != 0) {
            mask = new byte[4];
            for (int i = 0; i < 4; i++) {
                mask[i] = (byte) read(deadline);
            }
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        int done = 0;
        while (done < payload.length) {
            setTimeout(deadline);
            int n;
            try {
                n = in.read(payload, done, payload.length - done);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("a frame did not arrive in time");
            }
            if (n < 0) {
                throw new EOFException("the stream ended inside a frame");
            }
            done += n;
        }
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        return new Frame(b0 & 0x0F, (b0 & 0x80) != 0, payload);
    }

    /** The next text message (fragments joined; pings left unanswered), at most {@code wait}. */
    JsonNode nextMessage(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            Frame f = readFrame(deadline);
            switch (f.opcode()) {
                case PING, PONG -> { }
                case CLOSE -> throw new AssertionError("the server closed the connection (" + f.closeCode() + " "
                        + f.closeReason() + ") while a message was expected");
                default -> {
                    message.writeBytes(f.payload());
                    if (f.fin()) {
                        return LiveClient.parse(message.toString(StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }

    /** Reads text messages until the server's close frame (or the end of the stream), at most {@code wait}. */
    UntilClose readUntilClose(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        List<JsonNode> messages = new ArrayList<>();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int pingsSeen = 0;
        while (true) {
            Frame f;
            try {
                f = readFrame(deadline);
            } catch (EOFException e) {
                return new UntilClose(messages, null, pingsSeen);
            }
            switch (f.opcode()) {
                case PING -> pingsSeen++;
                case PONG -> { }
                case CLOSE -> {
                    return new UntilClose(messages, f, pingsSeen);
                }
                default -> {
                    message.writeBytes(f.payload());
                    if (f.fin()) {
                        messages.add(LiveClient.parse(message.toString(StandardCharsets.UTF_8)));
                        message.reset();
                    }
                }
            }
        }
    }

    private int read(long deadline) throws IOException {
        setTimeout(deadline);
        int b;
        try {
            b = in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no frame from the server in time");
        }
        if (b < 0) {
            throw new EOFException("the server closed the stream");
        }
        return b;
    }

    private void setTimeout(long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new AssertionError("no frame from the server in time");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
