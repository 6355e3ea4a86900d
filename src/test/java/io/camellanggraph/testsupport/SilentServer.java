package io.camellanggraph.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for a LangGraph server gone silent: it accepts every connection on a loopback port and then either says
 * nothing ({@link #silent()}), or answers 200 with a chunked body and sends one keep-alive newline every 100 ms without
 * ever finishing ({@link #trickling()}, what {@code runs/wait} looks like while its run runs). Only the deadlines of the
 * caller end its calls.
 */
public final class SilentServer implements AutoCloseable {

    private final ServerSocket socket;
    private final boolean trickle;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2);

    private SilentServer(boolean trickle) {
        this.trickle = trickle;
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::accept);
    }

    /** Accepts and never sends a byte. */
    public static SilentServer silent() {
        return new SilentServer(false);
    }

    /** Accepts, answers 200 and a first chunk, then a newline every 100 ms, never the end of the body. */
    public static SilentServer trickling() {
        return new SilentServer(true);
    }

    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                accepted.add(connection);
                if (trickle) {
                    OutputStream out = connection.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    threads.scheduleWithFixedDelay(() -> keepAlive(out), 0, 100, TimeUnit.MILLISECONDS);
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void keepAlive(OutputStream out) {
        try {
            out.write("1\r\n\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException callerGaveUp) {
            throw new UncheckedIOException(callerGaveUp);
        }
    }

    @Override
    public void close() throws IOException {
        threads.shutdownNow();
        socket.close();
        for (Socket connection : accepted) {
            connection.close();
        }
    }
}
