package io.camellanggraph.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: when no {@code langgraph.url} is configured, the app starts a local LangGraph dev
 * server with the project's example graphs ({@code graphs/}), on loopback and a free port, through the
 * project's own {@code scripts/langgraph-server.sh}, and stops it when the app stops.
 */
final class EmbeddedLangGraphServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedLangGraphServer.class);

    private final Path home;
    private final Path workDir;
    private final String url;

    private EmbeddedLangGraphServer(Path home, Path workDir, String url) {
        this.home = home;
        this.workDir = workDir;
        this.url = url;
    }

    /** Installs (first time only) and starts the server; {@code kind} is {@code python} or {@code js}. */
    static EmbeddedLangGraphServer start(Path home, String kind, Path dataDir) throws IOException, InterruptedException {
        Path script = home.resolve("scripts/langgraph-server.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("langgraph.url is empty and " + script + " is missing: run the app from the project"
                    + " directory (langgraph.home) or set langgraph.url");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path workDir = dataDir.toAbsolutePath().resolve("embedded-langgraph-" + kind);
        LOG.info("langgraph.url is empty: starting the embedded LangGraph {} dev server on 127.0.0.1:{} (first start installs it)",
                kind, port);
        run(home, List.of("bash", home.resolve("scripts/setup-langgraph.sh").toString(), kind));
        List<String> command = new ArrayList<>(List.of("bash", script.toString(), "start", kind, Integer.toString(port),
                workDir.toString(), "--watch-pid", Long.toString(ProcessHandle.current().pid())));
        run(home, command);
        return new EmbeddedLangGraphServer(home, workDir, "http://127.0.0.1:" + port);
    }

    String url() {
        return url;
    }

    @Override
    public void close() {
        try {
            run(home, List.of("bash", home.resolve("scripts/langgraph-server.sh").toString(), "stop", workDir.toString()));
        } catch (IOException | InterruptedException e) {
            LOG.warn("Embedded LangGraph server did not stop cleanly: {}", e.getMessage());
        }
    }

    private static void run(Path home, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(home.toFile()).inheritIO().start();
        if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("command failed: " + String.join(" ", command));
        }
    }
}
