package io.camellanggraph.testsupport;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The standalone app as its own process (same classpath as the tests), started from the project directory with
 * {@code -D} overrides, for tests that need a real process: shipped routes, {@code kill -9}, restarts.
 */
public final class AppProcess implements AutoCloseable {

    private static final java.util.regex.Pattern STARTED = java.util.regex.Pattern.compile("Apache Camel \\S+ \\([^)]*\\) started in");

    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Path log;
    private final int port;
    private final int managementPort = LangGraphTestSupport.freePort();
    private Process process;

    public AppProcess(String name, int port) {
        this.port = port;
        this.log = Path.of("target", "app-logs", name + "-" + System.nanoTime() + ".log").toAbsolutePath();
        properties.put("camel.server.port", Integer.toString(port));
        properties.put("camel.server.host", "127.0.0.1");
        // the management server (health, metrics, operator page) of each app process gets its own free port
        properties.put("camel.management.port", Integer.toString(managementPort));
        properties.put("camel.management.host", "127.0.0.1");
        // no TCP acceptor on the embedded broker unless a test asks for one: the app connects in-VM, and the suite's
        // forks run app processes at the same time (the default port, 61616, would be taken by the first)
        properties.put("jms.embedded.port", "0");
    }

    /** The app's HTTP port (webhook receiver). */
    public int port() {
        return port;
    }

    /** Port of the app's management server (used when camel.management.enabled is true). */
    public int managementPort() {
        return managementPort;
    }

    /**
     * A member of a cluster: the LangGraph server at {@code serverUrl}, the tests' webhook secret, a data directory of
     * its own and the store shared by the members (PostgreSQL {@code storeUrl}).
     */
    public AppProcess clusterMember(String serverUrl, String storeUrl) {
        return with("langgraph.url", serverUrl)
                .with("langgraph.webhook.secret", LangGraphTestSupport.SECRET)
                .with("langgraph.data-dir", TestDirs.create(log.getFileName().toString().replace(".log", "") + "-data-").toString())
                .with("langgraph.store.url", storeUrl)
                .with("langgraph.store.user", PostgresServer.USER)
                .with("langgraph.store.password", PostgresServer.PASSWORD);
    }

    public AppProcess with(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Starts the app and waits until Camel reports it started (every route up, the HTTP port open). */
    public AppProcess start() throws IOException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path")));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("io.camellanggraph.app.LangGraphApplication");
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("app exited with " + process.exitValue() + ", see " + log);
            }
            if (!STARTED.matcher(log()).find()) {
                return false;
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        return this;
    }

    /** {@code kill -9}: no shutdown hook, no flush, nothing graceful. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    public Path logFile() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
