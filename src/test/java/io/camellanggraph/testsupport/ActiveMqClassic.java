package io.camellanggraph.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real ActiveMQ Classic 6 broker (its Maven artifacts, out of process) started through the project's own
 * {@code scripts/activemq.sh}: the external, non-Artemis broker the app reaches over AMQP 1.0 by {@code jms.url}. It
 * requires the login {@link #USER} / {@link #PASSWORD}. {@link #shared()} is one broker per JVM, stopped by a
 * shutdown hook (and by the script's watchdog should the JVM die without running it). A test that kills the broker
 * takes one of its own from {@link #dedicated()}: {@link #kill()} ends its process with SIGKILL, {@link #start()} brings
 * it back on the same ports and data.
 */
public final class ActiveMqClassic implements AutoCloseable {

    public static final String USER = "flow";
    public static final String PASSWORD = "classic-secret";

    private static final java.util.Map<String, String> LOGIN = java.util.Map.of("ACTIVEMQ_USER", USER, "ACTIVEMQ_PASSWORD", PASSWORD);

    private static ActiveMqClassic shared;

    private final Path dir;
    private final String amqpUrl;

    private ActiveMqClassic(Path dir, String amqpUrl) {
        this.dir = dir;
        this.amqpUrl = amqpUrl;
    }

    /** The JVM's broker, started on first use. */
    public static synchronized ActiveMqClassic shared() {
        if (shared == null) {
            shared = dedicated();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "activemq-shutdown"));
        }
        return shared;
    }

    /** A broker of the caller's own, started; {@link #close()} stops it and deletes its data. */
    public static ActiveMqClassic dedicated() {
        try {
            Path dir = Files.createTempDirectory("camel-langgraph-activemq-");
            String url = Scripts.lastLine(Scripts.scriptWithEnv("activemq.sh",
                    List.of("start", dir.toString(), "--watch-pid", Long.toString(ProcessHandle.current().pid())), LOGIN, 300));
            if (!url.startsWith("amqp://")) {
                throw new IllegalStateException("scripts/activemq.sh start printed no AMQP URL: " + url);
            }
            System.err.println("[ActiveMqClassic] up at " + url + " (dir " + dir + ")");
            return new ActiveMqClassic(dir, url);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code kill -9} of the broker's process: connections cut, nothing flushed; its data and ports stay for {@link #start()}. */
    public void kill() {
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve("broker.pid")).strip());
            ProcessHandle.of(pid).ifPresent(broker -> {
                broker.destroyForcibly();
                broker.onExit().join();
            });
        } catch (IOException e) {
            throw new IllegalStateException("no broker.pid in " + dir, e);
        }
    }

    /** Starts the broker again (after {@link #kill()}) on the same AMQP port and data. */
    public void start() {
        Scripts.scriptWithEnv("activemq.sh", List.of("start", dir.toString()), LOGIN, 300);
    }

    /** The broker's AMQP 1.0 URL, {@code amqp://127.0.0.1:port}. */
    public String amqpUrl() {
        return amqpUrl;
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        try {
            Scripts.script("activemq.sh", List.of("stop", dir.toString()), 120);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        } catch (RuntimeException | IOException e) {
            System.err.println("[ActiveMqClassic] did not stop cleanly: " + e.getMessage());
        }
    }
}
