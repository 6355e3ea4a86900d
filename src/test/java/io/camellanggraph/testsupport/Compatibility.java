package io.camellanggraph.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The rows of the README's compatibility table: each operation and behaviour the component relies on. A test that
 * proves one against a real server records what it saw ({@link #works}, {@link #fails}) in
 * {@code target/compatibility.json}; {@link CompatibilityTable} renders the table from it. A row that cannot apply to
 * a server (a setting it does not have) says so here, with the reason.
 */
public enum Compatibility {

    RUN_THREAD("Runs with a webhook", "`run` on a thread (`POST /threads/{tid}/runs`)"),
    WAIT_THREAD("Runs with a webhook", "`wait` on a thread, `webhook=auto` (`POST /threads/{tid}/runs/wait`)"),
    STREAM_THREAD("Runs with a webhook", "`stream` on a thread, `webhook=auto` (`POST /threads/{tid}/runs/stream`)"),
    RUN_STATELESS("Runs with a webhook", "`run` stateless (`POST /runs`), its thread deleted after routing"),
    WAIT_STATELESS("Runs with a webhook", "`wait` stateless, `webhook=auto` (`POST /runs/wait`)"),
    STREAM_STATELESS("Runs with a webhook", "`stream` stateless, `webhook=auto` (`POST /runs/stream`)"),
    BATCH("Runs with a webhook", "`batch` (`POST /runs/batch`), one webhook per run"),
    CRON_THREAD("Crons", "`cron` on a thread (`POST /threads/{tid}/runs/crons`), its runs' webhooks"),
    CRON_STATELESS("Crons", "`cron` stateless (`POST /runs/crons`), its runs' webhooks"),
    CRON_SEARCH("Crons", "`cronSearch` (`POST /runs/crons/search`)"),
    CRON_COUNT("Crons", "`cronCount` (`POST /runs/crons/count`)"),
    CRON_GET("Crons", "`cronGet` (`GET /runs/crons/{id}`)"),
    CRON_UPDATE("Crons", "`cronUpdate` (`PATCH /runs/crons/{id}`)"),
    CRON_DELETE("Crons", "`cronDelete` (`DELETE /runs/crons/{id}`)"),
    CONTENT_TYPE("Webhook delivery", "Content type of the webhook POST"),
    RETRIES("Webhook delivery", "Webhook sent again after a 5xx answer"),
    MINIMAL_BODIES("Webhook delivery", "Minimal bodies (`webhooks.allowed_fields: [run_id]`), routed with the server's values",
            Map.of(LangGraphServer.Kind.JS, "n/a (no `webhooks.allowed_fields`)")),
    DISABLED_WEBHOOKS("Webhook delivery", "`http.disable_webhooks: true`: outcomes recovered by the reconciler's poll",
            Map.of(LangGraphServer.Kind.JS, "n/a (no `http.disable_webhooks`)"));

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** UUIDs in an error (thread and cron ids of one run) would change the table on every run. */
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final String group;
    private final String label;
    private final Map<LangGraphServer.Kind, String> notApplicable;

    Compatibility(String group, String label) {
        this(group, label, Map.of());
    }

    Compatibility(String group, String label, Map<LangGraphServer.Kind, String> notApplicable) {
        this.group = group;
        this.label = label;
        this.notApplicable = notApplicable;
    }

    public String group() {
        return group;
    }

    public String label() {
        return label;
    }

    /** The fixed cell of a row that cannot apply to {@code kind}, or null. */
    String notApplicable(LangGraphServer.Kind kind) {
        return notApplicable.get(kind);
    }

    /** The test proved this row on {@code server}. */
    public void works(LangGraphServer server) {
        record(server, "✅");
    }

    /** The test proved this row on {@code server}; {@code note} says how it differs between servers. */
    public void works(LangGraphServer server, String note) {
        record(server, "✅ " + note);
    }

    /** The test proved that {@code server} does not do this: the component's exception, exactly, or what it saw. */
    public void fails(LangGraphServer server, Throwable componentError) {
        fails(server, componentError.getClass().getSimpleName() + ": " + componentError.getMessage());
    }

    public void fails(LangGraphServer server, String what) {
        record(server, "✗ " + what.replaceAll(UUID, "{id}").replace("|", "\\|").replace("\n", " "));
    }

    private void record(LangGraphServer server, String cell) {
        if (notApplicable.containsKey(server.kind())) {
            throw new IllegalStateException(this + " does not apply to the " + server.kind() + " server");
        }
        // the suite's forks run in parallel: read, add and write back under a lock on a file of its own, across JVMs
        synchronized (Compatibility.class) {
            Path file = file();
            try {
                Files.createDirectories(file.getParent());
                try (java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(file.resolveSibling("compatibility.lock"),
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                     java.nio.channels.FileLock held = lock.lock()) {
                    ObjectNode all = Files.exists(file) ? (ObjectNode) MAPPER.readTree(file.toFile()) : MAPPER.createObjectNode();
                    ObjectNode row = all.has(name()) ? (ObjectNode) all.get(name()) : all.putObject(name());
                    row.put(server.kind().id(), cell);
                    MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), all);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code target/compatibility.json} of this project. */
    static Path file() {
        return LangGraphServer.home().resolve("target/compatibility.json");
    }
}
