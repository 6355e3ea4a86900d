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
 * shutdown hook (and by the script's watchdog should the JVM die without running it).
 */
public final class ActiveMqClassic {

    public static final String USER = "flow";
    public static final String PASSWORD = "classic-secret";

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
            try {
                Path dir = Files.createTempDirectory("camel-langgraph-activemq-");
                String url = Scripts.lastLine(Scripts.scriptWithEnv("activemq.sh",
                        List.of("start", dir.toString(), "--watch-pid", Long.toString(ProcessHandle.current().pid())),
                        java.util.Map.of("ACTIVEMQ_USER", USER, "ACTIVEMQ_PASSWORD", PASSWORD), 300));
                if (!url.startsWith("amqp://")) {
                    throw new IllegalStateException("scripts/activemq.sh start printed no AMQP URL: " + url);
                }
                shared = new ActiveMqClassic(dir, url);
                Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "activemq-shutdown"));
                System.err.println("[ActiveMqClassic] up at " + url + " (dir " + dir + ")");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    /** The broker's AMQP 1.0 URL, {@code amqp://127.0.0.1:port}. */
    public String amqpUrl() {
        return amqpUrl;
    }

    private void stop() {
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
