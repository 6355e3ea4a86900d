package io.camellanggraph.testsupport;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real local LangGraph dev server (Python {@code langgraph dev} or JS {@code langgraphjs dev}) with the project's
 * example graphs ({@code echo}, {@code sleep}, {@code fail}, {@code ask}; see {@code graphs/}), started through the
 * project's own {@code scripts/langgraph-server.sh} on 127.0.0.1 and a free port, in a work directory under
 * {@code target/langgraph-servers/}.
 *
 * <p>{@link #python()}, {@link #js()} and {@link #pythonWithoutWebhooks()} return one shared, lazily started server
 * per JVM (startup takes a few seconds); they are stopped by a JVM shutdown hook, and the script's watchdog stops them
 * should the JVM die without running it. Do not {@link #close()} a shared server; a test may {@link #stop()} and
 * {@link #start()} it (same port, same state) but must leave it running. The shared getters restart a shared server
 * that a failed test left stopped. {@link #dedicated(Kind, boolean)} gives a private server the caller closes.
 *
 * <p>The first start in a JVM runs {@code scripts/setup-langgraph.sh <kind>} (a quick no-op once installed).
 *
 * <p>Talk to these servers over HTTP/1.1: a {@code java.net.http.HttpClient} left at its default (HTTP/2) sends an h2c
 * upgrade request, which the JS server answers with an empty 200/404 and the Python server with 400/422 for POSTs.
 */
public final class LangGraphServer implements AutoCloseable {

    public enum Kind {
        PYTHON, JS;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Duration SETUP_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private static final Map<String, LangGraphServer> SHARED = new ConcurrentHashMap<>();
    private static final Set<LangGraphServer> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Kind> INSTALLED = ConcurrentHashMap.newKeySet();
    private static volatile Path home;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(LangGraphServer::stopAll, "langgraph-servers-shutdown"));
    }

    private final Kind kind;
    private final boolean webhooks;
    /** A langgraph.json of its own (Python), or null for the project's. */
    private Path config;
    /** Environment the server process gets on top of the test JVM's. */
    private Map<String, String> environment = Map.of();
    private final boolean shared;
    private final Path workDir;
    private final int port;
    private volatile boolean running;

    private LangGraphServer(Kind kind, boolean webhooks, boolean shared, Path workDir, int port) {
        this.kind = kind;
        this.webhooks = webhooks;
        this.shared = shared;
        this.workDir = workDir;
        this.port = port;
    }

    /** The shared Python server ({@code langgraph dev}, crons, webhooks to loopback allowed). */
    public static LangGraphServer python() {
        return shared(Kind.PYTHON, true);
    }

    /** The shared JS server ({@code langgraphjs dev}; no crons). */
    public static LangGraphServer js() {
        return shared(Kind.JS, true);
    }

    /** A shared Python server whose langgraph.json sets {@code http.disable_webhooks: true}: runs run, no webhook is sent. */
    public static LangGraphServer pythonWithoutWebhooks() {
        return shared(Kind.PYTHON, false);
    }

    /** Starts a private server on a fresh free port; the caller must {@link #close()} it. */
    public static LangGraphServer dedicated(Kind kind, boolean webhooks) {
        LangGraphServer server = create(kind, webhooks, false);
        server.start();
        return server;
    }

    /**
     * Starts a private Python server whose langgraph.json has this {@code webhooks} section (e.g.
     * {@code {"allowed_fields": ["run_id"], "url": {...}}}) instead of the project's; the caller must close it.
     */
    public static LangGraphServer dedicatedPython(String webhooksSection) {
        return dedicatedPython(webhooksSection, Map.of());
    }

    /**
     * A private Python server with its own {@code webhooks} section (null: the project's) and environment, e.g.
     * {@code BG_JOB_TIMEOUT_SECS} for runs that really time out.
     */
    public static LangGraphServer dedicatedPython(String webhooksSection, Map<String, String> environment) {
        LangGraphServer server = create(Kind.PYTHON, true, false);
        server.environment = Map.copyOf(environment);
        try {
            com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode config = (com.fasterxml.jackson.databind.node.ObjectNode)
                    mapper.readTree(home().resolve("graphs/python/langgraph.json").toFile());
            if (webhooksSection != null) {
                config.set("webhooks", mapper.readTree(webhooksSection));
            }
            Path file = server.workDir.resolve("custom-langgraph.json");
            Files.writeString(file, config.toPrettyString());
            server.config = file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.start();
        return server;
    }

    private static LangGraphServer shared(Kind kind, boolean webhooks) {
        LangGraphServer server = SHARED.computeIfAbsent(kind.id() + (webhooks ? "" : "-nowebhooks"), key -> {
            LangGraphServer created = create(kind, webhooks, true);
            created.start();
            return created;
        });
        synchronized (server) {
            if (!server.running || !server.answersOk()) {
                server.stop();
                server.start();
            }
        }
        return server;
    }

    private static LangGraphServer create(Kind kind, boolean webhooks, boolean shared) {
        if (kind == Kind.JS && !webhooks) {
            throw new IllegalArgumentException("the JS dev server cannot disable webhooks");
        }
        try {
            Path base = home().resolve("target/langgraph-servers");
            Files.createDirectories(base);
            int port = freePort();
            Path workDir = Files.createTempDirectory(base, kind.id() + (webhooks ? "" : "-nowebhooks") + "-" + port + "-");
            return new LangGraphServer(kind, webhooks, shared, workDir, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, no trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isPython() {
        return kind == Kind.PYTHON;
    }

    /** False for {@link #pythonWithoutWebhooks()}. */
    public boolean webhooksEnabled() {
        return webhooks;
    }

    /** Holds server.log, server.pid and the server's state ({@code .langgraph_api/}). */
    public Path workDir() {
        return workDir;
    }

    public boolean isRunning() {
        return running;
    }

    /** The server's log so far (for assertions and failure messages). */
    public String log() {
        try {
            Path log = workDir.resolve("server.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read server.log: " + e + ")";
        }
    }

    /** Starts the server (again) on the same port and work directory; its stored state survives a stop/start. No-op if running. */
    public synchronized LangGraphServer start() {
        if (running) {
            return this;
        }
        install(kind);
        List<String> command = new ArrayList<>(List.of("bash", home().resolve("scripts/langgraph-server.sh").toString(),
                "start", kind.id(), Integer.toString(port), workDir.toString(),
                "--watch-pid", Long.toString(ProcessHandle.current().pid())));
        if (!webhooks) {
            command.add("--no-webhooks");
        }
        if (config != null) {
            command.addAll(List.of("--config", config.toString()));
        }
        long t0 = System.nanoTime();
        run(command, START_TIMEOUT, environment);
        running = true;
        LIVE.add(this);
        System.err.printf("[LangGraphServer] %s server up at %s in %d ms (work dir %s)%n", kind.id() + (webhooks ? "" : " (no webhooks)"),
                url(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), workDir);
        return this;
    }

    /** Stops the server process group; the work directory (and its state) stays. No-op if stopped. */
    public synchronized LangGraphServer stop() {
        if (!running && !Files.exists(workDir.resolve("server.pid"))) {
            return this;
        }
        try {
            run(List.of("bash", home().resolve("scripts/langgraph-server.sh").toString(), "stop", workDir.toString()), STOP_TIMEOUT);
        } finally {
            running = false;
            LIVE.remove(this);
        }
        return this;
    }

    /**
     * Suspends the server's processes (SIGSTOP to its process group, by the project's script): its port still accepts
     * connections, nothing answers them, until {@link #resume()}. A real server gone silent; use a {@link #dedicated} one.
     */
    public LangGraphServer suspend() {
        run(List.of("bash", home().resolve("scripts/langgraph-server.sh").toString(), "suspend", workDir.toString()), STOP_TIMEOUT);
        return this;
    }

    /** Lets a {@link #suspend() suspended} server go on (SIGCONT): it answers what waited meanwhile. */
    public LangGraphServer resume() {
        run(List.of("bash", home().resolve("scripts/langgraph-server.sh").toString(), "resume", workDir.toString()), STOP_TIMEOUT);
        return this;
    }

    public LangGraphServer restart() {
        return stop().start();
    }

    /** Stops a {@link #dedicated} server. A shared server is left running for the other tests (the JVM exit stops it). */
    @Override
    public void close() {
        if (!shared) {
            stop();
        }
    }

    @Override
    public String toString() {
        return "LangGraphServer[" + kind.id() + (webhooks ? "" : ", no webhooks") + ", " + url() + (running ? "" : ", stopped") + "]";
    }

    private boolean answersOk() {
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create(url() + "/ok")).timeout(Duration.ofSeconds(5)).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void install(Kind kind) {
        if (INSTALLED.contains(kind)) {
            return;
        }
        synchronized (INSTALLED) {
            if (INSTALLED.add(kind)) {
                try {
                    run(List.of("bash", home().resolve("scripts/setup-langgraph.sh").toString(), kind.id()), SETUP_TIMEOUT);
                } catch (RuntimeException e) {
                    INSTALLED.remove(kind);
                    throw e;
                }
            }
        }
    }

    private static void stopAll() {
        List<Thread> stoppers = new ArrayList<>();
        for (LangGraphServer server : List.copyOf(LIVE)) {
            Thread t = new Thread(() -> {
                try {
                    server.stop();
                } catch (RuntimeException e) {
                    System.err.println("[LangGraphServer] " + server + " did not stop cleanly: " + e.getMessage());
                }
            }, "stop-" + server.kind.id() + "-" + server.port);
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Runs a project script; its output goes to stderr with a prefix; fails with the output when it does not exit 0. */
    private static void run(List<String> command, Duration timeout) {
        run(command, timeout, Map.of());
    }

    private static void run(List<String> command, Duration timeout, Map<String, String> environment) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(home().toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        StringBuffer output = new StringBuffer();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.append(line).append('\n');
                    System.err.println("  | " + line);
                }
            } catch (IOException ignored) {
                // the process is gone; what we have is what it said
            }
        }, "langgraph-script-output");
        pump.setDaemon(true);
        pump.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeout + ": " + String.join(" ", command) + "\n" + output);
            }
            pump.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit " + process.exitValue() + ": " + String.join(" ", command) + "\n" + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The project directory: the nearest directory upwards from {@code user.dir} holding scripts/langgraph-server.sh. */
    static Path home() {
        Path h = home;
        if (h == null) {
            String configured = System.getProperty("langgraph.home");
            Path dir = Path.of(configured != null ? configured : System.getProperty("user.dir")).toAbsolutePath();
            while (dir != null && !Files.isRegularFile(dir.resolve("scripts/langgraph-server.sh"))) {
                dir = dir.getParent();
            }
            if (dir == null) {
                throw new IllegalStateException("scripts/langgraph-server.sh not found above " + System.getProperty("user.dir"));
            }
            home = h = dir;
        }
        return h;
    }
}
