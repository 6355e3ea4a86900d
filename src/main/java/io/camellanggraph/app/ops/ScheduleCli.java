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
import java.time.Duration;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.app.AppSettings;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.JdbcCallbackStore;
import io.camellanggraph.store.ScheduleStore;

/**
 * The schedule commands of the app's command line, through the running app's operator API (admin token):
 * <pre>
 * pause &lt;schedule&gt; [--note "why"]      pauses a langgraph:schedule on every instance (ticks recorded missed)
 * resume &lt;schedule&gt; [--note "why"]
 * run-now &lt;route id&gt; [--input '{...}']   fires it once now, recorded manual, with another input if given
 * </pre>
 * When no app answers, pause and resume change the store directly (durable: the app reads it at every tick); run-now
 * needs a running app. Exit code 0 on success, 1 when refused or unknown, 2 on a usage or connection error.
 */
final class ScheduleCli {

    private final AppSettings settings;
    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<CallbackStore> store;
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    ScheduleCli(AppSettings settings, PrintStream out, PrintStream err, Supplier<CallbackStore> store) {
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.store = store;
    }

    /** {@code action} is pause, resume or run-now; {@code body} the note or the input (may be null). */
    int execute(String base, String action, String key, String body) throws InterruptedException {
        String token = settings.get("langgraph.admin-token", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + OperatorHttp.BASE + "/api/" + action + "/"
                + URLEncoder.encode(key, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!token.isBlank()) {
            request.header("Authorization", "Bearer " + token.trim());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = mapper.readTree(response.body().isEmpty() ? "{}" : response.body());
            if (response.statusCode() == 200) {
                out.println(action + " " + key + ": ok");
                return 0;
            }
            err.println(action + " refused (" + response.statusCode() + "): " + answer.path("error").asText(response.body()));
            return 1;
        } catch (IOException unreachable) {
            boolean down = unreachable instanceof ConnectException || unreachable instanceof HttpConnectTimeoutException
                    || unreachable.getCause() instanceof ConnectException;
            if (!down || action.equals("run-now")) {
                err.println(action + ": no app answers at " + base + (down ? "; run-now needs the running app" : ": " + unreachable.getMessage()));
                return 2;
            }
            return offline(base, action.equals("pause"), key, body);
        }
    }

    /** No app running: the pause (or resume) goes into the store, which every instance reads at each tick. */
    private int offline(String base, boolean paused, String name, String note) {
        try (CallbackStore callbacks = store.get()) {
            if (!(callbacks instanceof JdbcCallbackStore jdbc)) {
                err.println("pause: the store is not a JDBC store");
                return 2;
            }
            boolean changed = new ScheduleStore(jdbc.dataSource()).pause(name, paused, note, System.currentTimeMillis());
            new AdminAccess(null).audit(paused ? "pause" : "resume", changed ? "changed-offline" : "not-found", name, "command-line");
            if (!changed) {
                err.println((paused ? "pause" : "resume") + ": no app answers at " + base + " and the store knows no schedule " + name);
                return 1;
            }
            out.println("No app answers at " + base + "; " + name + (paused ? " paused" : " resumed") + " in the store");
            return 0;
        } catch (Exception e) {
            err.println((paused ? "pause" : "resume") + ": cannot open the callback store: " + e.getMessage());
            return 2;
        }
    }
}
