package io.camellanggraph.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server (Debian's packages) for cluster tests, started through the project's own
 * {@code scripts/postgres.sh} in a private directory under the system temp directory (reachable by the
 * {@code postgres} user when the tests run as root), on 127.0.0.1 and a free port. {@link #shared()} is one server
 * per JVM, started on first use and stopped by a shutdown hook (and by the script's watchdog should the JVM die
 * without running it). Each test takes its own database from {@link #newDatabase(String)}. A test that crashes the
 * server takes one of its own from {@link #dedicated()}: {@link #crash()} stops it as a power cut would, {@link #start()}
 * brings it back on the same port and data.
 *
 * <p>The packages must be installed ({@code scripts/postgres.sh install}, which {@code .ci/run} does).
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "langgraph";
    public static final String PASSWORD = "langgraph";

    private static PostgresServer shared;

    private final Path dir;
    private final String url;

    private PostgresServer(Path dir, String url) {
        this.dir = dir;
        this.url = url;
    }

    /** The JVM's PostgreSQL server, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = dedicated();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "postgres-shutdown"));
        }
        return shared;
    }

    /** A server of the caller's own, started; {@link #close()} stops it and deletes its data. */
    public static PostgresServer dedicated() {
        try {
            Path dir = Files.createTempDirectory("camel-langgraph-pg-");
            String url = lastLine(run(List.of("start", dir.toString(), "--watch-pid", Long.toString(ProcessHandle.current().pid()))));
            if (!url.startsWith("jdbc:postgresql://")) {
                throw new IllegalStateException("scripts/postgres.sh start printed no JDBC URL: " + url);
            }
            System.err.println("[PostgresServer] up at " + url + " (dir " + dir + ")");
            return new PostgresServer(dir, url);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code pg_ctl -m immediate stop}: sessions cut, no checkpoint; the data and the port stay for {@link #start()}. */
    public void crash() {
        run(List.of("crash", dir.toString()));
    }

    /** Starts the server again (after {@link #crash()}) on the same port and data: crash recovery, then it serves. */
    public void start() {
        run(List.of("start", dir.toString()));
    }

    /** JDBC URL of the server's default database. */
    public String url() {
        return url;
    }

    /** Creates a fresh, empty database owned by {@link #USER} and returns its JDBC URL. */
    public String newDatabase(String prefix) {
        String name = (prefix + "_" + Long.toString(System.nanoTime(), 36)).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url.substring(0, url.lastIndexOf('/') + 1) + name;
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() {
        try {
            run(List.of("stop", dir.toString()));
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        } catch (RuntimeException | IOException e) {
            System.err.println("[PostgresServer] did not stop cleanly: " + e.getMessage());
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    /** Runs scripts/postgres.sh; its stdout is returned, its stderr goes to this JVM's stderr with a prefix. */
    private static String run(List<String> args) {
        List<String> command = new ArrayList<>(List.of("bash", LangGraphServer.home().resolve("scripts/postgres.sh").toString()));
        command.addAll(args);
        try {
            Path err = Files.createTempFile("postgres-script-", ".log");
            Process process = new ProcessBuilder(command).directory(LangGraphServer.home().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(err.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            String log = Files.readString(err);
            Files.deleteIfExists(err);
            log.lines().forEach(line -> System.err.println("  | " + line));
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit " + process.exitValue() + ": " + String.join(" ", command) + "\n" + log);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }
}
