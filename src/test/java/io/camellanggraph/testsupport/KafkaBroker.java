package io.camellanggraph.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Kafka broker (single node, KRaft combined mode, from the {@code org.apache.kafka:kafka_2.13} Maven artifact)
 * for tests, started through the project's own {@code scripts/kafka.sh} in a private temp directory on 127.0.0.1 and
 * a free port. {@link #shared()} is one broker per JVM, started on first use and stopped by a shutdown hook (and by
 * the script's watchdog should the JVM die without running it). Tests keep apart by topic names of their own;
 * {@link #start()} gives a test a broker of its own when it must stop or restart it.
 */
public final class KafkaBroker implements AutoCloseable {

    private static KafkaBroker shared;

    private final Path dir;
    private String bootstrapServers;

    private KafkaBroker(Path dir) {
        this.dir = dir;
    }

    /** The JVM's Kafka broker, started on first use. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kafka-shutdown"));
        }
        return shared;
    }

    /** A broker of the caller's own; {@link #close()} stops it and deletes its data. */
    public static KafkaBroker start() {
        try {
            KafkaBroker broker = new KafkaBroker(Files.createTempDirectory("camel-langgraph-kafka-"));
            broker.startAgain();
            return broker;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the broker (again, after {@link #stop()}) on the same port and data. */
    public void startAgain() {
        String out = Scripts.lastLine(run(List.of("start", dir.toString(), "--watch-pid", Long.toString(ProcessHandle.current().pid()))));
        if (!out.startsWith("127.0.0.1:")) {
            throw new IllegalStateException("scripts/kafka.sh start printed no bootstrap servers: " + out);
        }
        bootstrapServers = out;
        System.err.println("[KafkaBroker] up at " + out + " (dir " + dir + ")");
    }

    /** The broker's bootstrap servers, {@code 127.0.0.1:port}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the broker, keeping its data for {@link #startAgain()}. */
    public void stop() {
        run(List.of("stop", dir.toString()));
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        try {
            stop();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        } catch (RuntimeException | IOException e) {
            System.err.println("[KafkaBroker] did not stop cleanly: " + e.getMessage());
        }
    }

    private static String run(List<String> args) {
        return Scripts.script("kafka.sh", args, 300);
    }
}
