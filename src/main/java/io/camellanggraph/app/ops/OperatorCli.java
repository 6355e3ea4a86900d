package io.camellanggraph.app.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.app.AppSettings;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.InboxRecord;
import io.camellanggraph.store.PendingRun;
import io.camellanggraph.store.StoreLocation;

/**
 * {@code status} and {@code replay} of the app's command line. Both talk to the running app's operator API on the
 * management port ({@code camel.management.host}/{@code port} from the app's settings, resolved by {@link AppSettings}
 * as the app resolves them, or {@code --url}); when no app answers there, they read or change the callback store
 * directly: {@code status} prints what the store holds, {@code replay} makes the dead letter pending again, to be
 * routed once when the app next starts.
 *
 * <pre>
 * status [--url http://127.0.0.1:9876] [--json]
 * replay &lt;dedup key | run id&gt; [--url ...]     admin token: langgraph.admin-token (LANGGRAPH_ADMIN_TOKEN)
 * pause &lt;schedule&gt; [--note ...] | resume &lt;schedule&gt; | run-now &lt;route id&gt; [--input ...]   see {@link ScheduleCli}
 * </pre>
 * Exit code 0 on success, 1 when the replay found nothing or was refused, 2 on a usage or connection error.
 */
public final class OperatorCli {

    static final List<String> SCHEDULE_COMMANDS = List.of("pause", "resume", "run-now");

    private final AppSettings settings;
    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    OperatorCli(AppSettings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code args} ({@code status ...} or {@code replay ...}) with the app's settings; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new OperatorCli(AppSettings.standalone(), out, err).execute(args);
    }

    /** pause, resume, run-now: the schedule commands ({@link ScheduleCli}). */
    public static boolean isScheduleCommand(String command) {
        return SCHEDULE_COMMANDS.contains(command);
    }

    int execute(String[] args) {
        List<String> positional = new ArrayList<>();
        String url = null;
        boolean json = false;
        String body = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = i + 1 < args.length ? args[++i] : null;
                case "--json" -> json = true;
                case "--note", "--input" -> body = i + 1 < args.length ? args[++i] : null;
                default -> positional.add(args[i]);
            }
        }
        String base = url != null ? url.replaceAll("/+$", "") : managementUrl();
        String command = positional.isEmpty() ? "" : positional.get(0);
        try {
            if (command.equals("status") && positional.size() == 1) {
                return status(base, json);
            }
            if (command.equals("replay") && positional.size() == 2) {
                return replay(base, positional.get(1));
            }
            if (SCHEDULE_COMMANDS.contains(command) && positional.size() == 2) {
                return new ScheduleCli(settings, out, err, this::openStore).execute(base, command, positional.get(1), body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
        err.println("usage: status [--url <management url>] [--json] | replay <dedup key or run id> [--url <management url>]"
                + " | pause <schedule> [--note <text>] | resume <schedule> | run-now <route id> [--input <json>]");
        return 2;
    }

    private int status(String base, boolean asJson) throws InterruptedException {
        JsonNode status;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + OperatorHttp.BASE + "/api/status?limit=20"))
                    .timeout(Duration.ofSeconds(30)).GET();
            // reading needs the viewer token when one is set (the admin token reads too)
            String token = settings.get("langgraph.viewer-token", settings.get("langgraph.admin-token", ""));
            if (!token.isBlank()) {
                request.header("Authorization", "Bearer " + token.trim());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                err.println("status: " + base + " answered " + response.statusCode());
                return 2;
            }
            status = mapper.readTree(response.body());
        } catch (IOException unreachable) {
            if (!isConnectionProblem(unreachable)) {
                err.println("status: " + unreachable.getMessage());
                return 2;
            }
            out.println("No app answers at " + base + "; reading the callback store directly.");
            return storeStatus();
        }
        if (asJson) {
            out.println(status.toPrettyString());
            return 0;
        }
        printStatus(base, status);
        return 0;
    }

    private void printStatus(String base, JsonNode s) {
        long now = s.path("generatedAt").asLong(System.currentTimeMillis());
        out.printf("%s at %s: %s%n", s.path("app").asText("camel-langgraph"), base, s.path("health").path("status").asText("?"));
        for (JsonNode check : s.path("health").path("checks")) {
            if (check.has("details") || !"UP".equals(check.path("state").asText())) {
                out.printf("  health %-28s %-5s %s%s%n", check.path("id").asText(), check.path("state").asText(),
                        check.path("message").asText(""), check.has("details") ? " " + check.path("details") : "");
            }
        }
        JsonNode q = s.path("queues");
        out.printf("queues: pending runs %d, inbox unrouted %d, dead letters %d, awaiting exchanges %d%n",
                q.path("pendingRuns").asInt(), q.path("inboxUnrouted").asInt(), q.path("inboxFailed").asInt(),
                q.path("awaitingExchanges").asInt());
        out.println("counters: " + s.path("counters"));
        out.println("runs started: " + s.path("runsStarted"));
        out.println("schedules:");
        for (JsonNode sc : s.path("schedules")) {
            out.printf("  %-15s %-30s %-22s next %s, last %s%n", sc.path("kind").asText(), sc.path("name").asText(),
                    sc.path("schedule").asText(), sc.path("nextFire").asText("-"), sc.path("lastOutcome").asText("-"));
        }
        out.println("pending runs:");
        for (JsonNode run : s.path("pendingRuns")) {
            out.printf("  %s callback=%s age %ds%n", run.path("runId").asText(), run.path("callback").asText(),
                    run.path("ageSeconds").asLong());
        }
        out.println("deliveries (newest first):");
        for (JsonNode d : s.path("deliveries")) {
            out.printf("  %s %s %-8s %-7s %-7s callback=%s%s%n", Instant.ofEpochMilli(d.path("receivedAt").asLong()),
                    d.path("runId").asText(), d.path("status").asText(), d.path("source").asText(), d.path("state").asText(),
                    d.path("callback").asText(), ago(now, d.path("receivedAt").asLong()));
        }
        out.println("dead letters:");
        for (JsonNode d : s.path("deadLetters")) {
            out.printf("  %s callback=%s reason: %s%n", d.path("dedupKey").asText(), d.path("callback").asText(),
                    d.path("reason").asText(""));
        }
        out.println("tables:");
        for (JsonNode t : s.path("tables")) {
            printTable(t.path("database").asText() + "." + t.path("table").asText(), t.path("rows").asLong(), t.path("bytes").asLong());
        }
    }

    private void printTable(String table, long rows, long bytes) {
        out.printf("  %-40s %,12d rows %,12d KiB%n", table, rows, bytes / 1024);
    }

    private int storeStatus() {
        try (CallbackStore store = openStore()) {
            Map<String, Integer> inbox = store.countByState();
            long now = System.currentTimeMillis();
            out.printf("queues: pending runs %d, inbox unrouted %d, dead letters %d, routed %d%n", store.countPendingRuns(),
                    inbox.getOrDefault("pending", 0), inbox.getOrDefault("failed", 0), inbox.getOrDefault("routed", 0));
            out.println("pending runs:");
            for (PendingRun run : store.pendingRunsOlderThan(Long.MAX_VALUE, 20)) {
                out.printf("  %s callback=%s age %ds%n", run.runId(), run.callback(), (now - run.createdAt()) / 1000);
            }
            out.println("deliveries (newest first):");
            for (InboxRecord r : store.recent(20)) {
                out.printf("  %s %s %-7s %-7s callback=%s%n", Instant.ofEpochMilli(r.entry().receivedAt()), r.entry().dedupKey(),
                        r.entry().source(), r.state(), r.entry().callback());
            }
            out.println("dead letters:");
            for (InboxRecord r : store.failed(20)) {
                out.printf("  %s callback=%s reason: %s%n", r.entry().dedupKey(), r.entry().callback(), r.reason());
            }
            out.println("tables:");
            store.tableSizes().forEach(t -> printTable("store." + t.table(), t.rows(), t.bytes()));
            return 0;
        } catch (RuntimeException e) {
            err.println("status: cannot read the callback store: " + e.getMessage());
            return 2;
        }
    }

    private int replay(String base, String key) throws InterruptedException {
        String token = settings.get("langgraph.admin-token", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + OperatorHttp.BASE + "/api/replay/"
                + URLEncoder.encode(key, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody());
        if (!token.isBlank()) {
            request.header("Authorization", "Bearer " + token.trim());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = mapper.readTree(response.body().isEmpty() ? "{}" : response.body());
            if (response.statusCode() == 200) {
                out.println("replayed " + answer.path("replayed"));
                return 0;
            }
            err.println("replay refused (" + response.statusCode() + "): " + answer.path("error").asText(response.body()));
            return 1;
        } catch (IOException unreachable) {
            if (!isConnectionProblem(unreachable)) {
                err.println("replay: " + unreachable.getMessage());
                return 2;
            }
            return storeReplay(base, key);
        }
    }

    /** No app running: the dead letter becomes pending in the store; the app routes it (once) when it starts. */
    private int storeReplay(String base, String key) {
        try (CallbackStore store = openStore()) {
            List<String> keys = key.contains(":") ? List.of(key)
                    : store.failed(10_000).stream().map(r -> r.entry().dedupKey()).filter(k -> k.startsWith(key + ":")).toList();
            List<String> requeued = keys.stream().filter(store::requeue).toList();
            AdminAccess audit = new AdminAccess(null);
            audit.audit("replay", requeued.isEmpty() ? "not-found" : "requeued-offline", key, "command-line");
            if (requeued.isEmpty()) {
                err.println("replay: no app answers at " + base + " and the store holds no dead letter " + key);
                return 1;
            }
            out.println("No app answers at " + base + "; requeued in the store " + requeued + ": routed when the app starts");
            return 0;
        } catch (RuntimeException e) {
            err.println("replay: cannot open the callback store: " + e.getMessage());
            return 2;
        }
    }

    private CallbackStore openStore() {
        StoreLocation location = settings.storeLocation();
        // opening a missing SQLite file would create an empty store and report nothing wrong
        if (location.isEmbedded() && !Files.exists(location.embeddedFile())) {
            throw new IllegalStateException(location.embeddedFile() + " does not exist");
        }
        return location.open();
    }

    private String managementUrl() {
        String host = settings.get("camel.management.host", "127.0.0.1");
        if (host.isBlank() || host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        return "http://" + host + ":" + settings.get("camel.management.port", "9876");
    }

    private static boolean isConnectionProblem(IOException e) {
        return e instanceof ConnectException || e instanceof HttpConnectTimeoutException || e.getCause() instanceof ConnectException;
    }

    private static String ago(long now, long at) {
        return at <= 0 ? "" : " (" + Math.max(0, (now - at) / 1000) + "s ago)";
    }
}
