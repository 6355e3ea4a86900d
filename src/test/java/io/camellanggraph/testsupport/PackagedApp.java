package io.camellanggraph.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The packaged app ({@code target/camel-langgraph-app.jar}) as a service manager or a container runs it:
 * {@code java -jar} from a directory of its own, configured by environment variables only (the test JVM's own
 * {@code LANGGRAPH_*}, {@code CAMEL_*} and {@code JAVA_TOOL_OPTIONS} variables are not passed on).
 */
public final class PackagedApp implements AutoCloseable {

    public static final Path JAR = Path.of("target", "camel-langgraph-app.jar").toAbsolutePath();

    private final Path workDir;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> systemProperties = new ArrayList<>();
    private final Path log;
    private final int managementPort = LangGraphTestSupport.freePort();
    private Process process;

    /** Runs from {@code workDir} with the receiver on {@code port} and its management server on a free port, loopback only. */
    public PackagedApp(String name, Path workDir, int port) {
        this.workDir = workDir;
        this.log = Path.of("target", "app-logs", name + "-" + System.nanoTime() + ".log").toAbsolutePath();
        env.put("CAMEL_SERVER_HOST", "127.0.0.1");
        env.put("CAMEL_SERVER_PORT", Integer.toString(port));
        env.put("CAMEL_MANAGEMENT_HOST", "127.0.0.1");
        env.put("CAMEL_MANAGEMENT_PORT", Integer.toString(managementPort));
        // the embedded broker's TCP acceptor on any free port: the app itself connects in-VM
        env.put("JMS_EMBEDDED_PORT", "0");
    }

    public PackagedApp env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** A {@code -Dname=value} on the command line. */
    public PackagedApp systemProperty(String name, String value) {
        systemProperties.add("-D" + name + "=" + value);
        return this;
    }

    public int managementPort() {
        return managementPort;
    }

    /** Starts the process; does not wait for anything (see {@link #awaitReady()}). */
    public PackagedApp start() throws IOException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(systemProperties);
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("LANGGRAPH_") || k.startsWith("CAMEL_") || k.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(env);
        process = builder.start();
        return this;
    }

    /** Waits until {@code /observe/health/ready} answers 200 (fails early when the process exits). */
    public PackagedApp awaitReady() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("app exited with " + process.exitValue() + ", see " + log);
            }
            return probe("ready") == 200;
        });
        return this;
    }

    /** HTTP status of {@code /observe/health/<kind>} on the management port; 0 when nothing answers. */
    public int probe(String kind) {
        HttpResponse<String> response = health(kind);
        return response == null ? 0 : response.statusCode();
    }

    /** {@code /observe/health/<kind>} (e.g. {@code ready?exposureLevel=full}); null when nothing answers. */
    public HttpResponse<String> health(String kind) {
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/health/" + kind))
                            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** {@code kill -9}: no shutdown hook, no flush, nothing graceful. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public Process process() {
        return process;
    }

    /** Waits for the process to exit by itself and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("app still running after " + timeout + ", see " + log);
        }
        return process.exitValue();
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
