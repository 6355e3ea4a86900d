package io.camellanggraph.cron;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.testsupport.AppProcess;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The app as a real process with three schedules every 15 seconds (catchUp last, none, all; embedded SQLite store and
 * Quartz's in-memory job store) is killed with {@code kill -9}, stays down across two ticks, and is started again,
 * against the real Python server. The test computes which ticks fell due while it was down and waits only until two
 * have.
 */
class ScheduleCatchUpAfterDowntimeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern TICK = Pattern.compile(
            "Tick (\\S+) (\\S+) scheduled (\\S+) run ([0-9a-f-]{36}) thread ([0-9a-f-]{36})");

    /** The schedules' period: short, so that the downtime across two ticks takes seconds, not minutes. */
    private static final long PERIOD_MILLIS = 15_000;

    private final LangGraphServer server = LangGraphServer.python();
    private final Path data = tempDir("catchup-data-");
    private final int port = LangGraphTestSupport.freePort();

    private AppProcess app(String name) {
        return new AppProcess(name, port)
                .with("langgraph.url", server.url())
                .with("langgraph.webhook.secret", LangGraphTestSupport.SECRET)
                .with("langgraph.data-dir", data.toString())
                // no TCP acceptor for the embedded broker: nothing to collide with on a shared machine
                .with("jms.embedded.port", "0")
                .with("app.out-dir", tempDir("catchup-out-").toString())
                .with("catchup.schedule", "0/15 * * * * ?")
                .with("camel.main.routes-include-pattern", "file:src/test/resources/routes/schedules.camel.yaml");
    }

    /** A tick's log line: schedule, fate, scheduled time, run, thread. */
    private record Started(String schedule, String fate, Instant scheduledAt, String runId, String threadId) {
    }

    @Test
    void ticksMissedWhileTheAppWasDownAreCaughtUpPerPolicyRightAfterTheRestart() throws Exception {
        Instant killedAt;
        try (AppProcess first = app("catchup-first").start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> first.log().contains("Schedules: 3 schedule(s) checked"));
            first.kill();
            killedAt = Instant.now();
        }
        // down across two ticks: the two after the kill
        Instant firstMissed = nextTick(killedAt);
        Instant secondMissed = firstMissed.plusMillis(PERIOD_MILLIS);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> Instant.now().isAfter(secondMissed.plusSeconds(1)));

        try (AppProcess second = app("catchup-second").start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> second.log().contains("Schedules: 3 schedule(s) checked"));
            Instant checked = Instant.now();
            // every tick between the kill and the start of the second process fell due while no instance ran
            List<Started> started = await().atMost(Duration.ofSeconds(30)).until(() -> started(second),
                    s -> s.stream().filter(t -> t.fate().equals("caught-up")).count() >= 2 + 1);

            // last (the default): one run, for the latest missed tick, right after the restart; the others missed
            // (regular ticks after the restart log "fired"; only what catch-up started is looked at)
            started = started.stream().filter(t -> !t.fate().equals("fired")).toList();
            List<Started> last = started.stream().filter(t -> t.schedule().equals("catchup-last")).toList();
            assertThat(last).extracting(Started::fate).containsExactly("caught-up");
            Started caughtUp = last.get(0);
            assertThat(caughtUp.scheduledAt()).isAfterOrEqualTo(secondMissed);
            JsonNode run = get(server.url() + "/threads/" + caughtUp.threadId() + "/runs/" + caughtUp.runId());
            assertThat(run.path("metadata").path("camel_langgraph_scheduled_at").asText()).isEqualTo(caughtUp.scheduledAt().toString());
            assertThat(Instant.parse(run.path("created_at").asText())).as("started within a period of the restart's catch-up, not at a later regular tick")
                    .isBefore(checked.plusMillis(PERIOD_MILLIS));

            // all: one run per missed tick, each carrying its own scheduled time
            List<Started> all = started.stream().filter(t -> t.schedule().equals("catchup-all")).toList();
            assertThat(all).extracting(Started::fate).containsOnly("caught-up");
            assertThat(all).extracting(Started::scheduledAt).contains(firstMissed, secondMissed).doesNotHaveDuplicates();
            for (Started tick : all) {
                assertThat(get(server.url() + "/threads/" + tick.threadId() + "/runs/" + tick.runId())
                        .path("metadata").path("camel_langgraph_scheduled_at").asText()).isEqualTo(tick.scheduledAt().toString());
            }

            // none: nothing ran
            assertThat(started).noneMatch(t -> t.schedule().equals("catchup-none"));

            // the page shows each tick's fate; the metric counts them
            JsonNode schedules = get("http://127.0.0.1:" + second.managementPort() + "/langgraph/api/status?limit=1").path("schedules");
            assertThat(fates(schedules, "catchup-last", firstMissed)).isEqualTo("missed");
            assertThat(fates(schedules, "catchup-last", caughtUp.scheduledAt())).isEqualTo("caught-up");
            assertThat(fates(schedules, "catchup-none", firstMissed)).isEqualTo("missed");
            assertThat(fates(schedules, "catchup-none", secondMissed)).isEqualTo("missed");
            assertThat(fates(schedules, "catchup-all", firstMissed)).isEqualTo("caught-up");
            assertThat(fates(schedules, "catchup-all", secondMissed)).isEqualTo("caught-up");
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.managementPort() + "/observe/metrics"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).containsPattern("langgraph_schedule_ticks_total\\{[^}]*outcome=\"caught-up\",schedule=\"catchup-last\"[^}]*} 1\\.0")
                    .containsPattern("langgraph_schedule_ticks_total\\{[^}]*outcome=\"missed\",schedule=\"catchup-none\"[^}]*} [2-9]\\.0");
        }
    }

    /** The first tick of the schedules after {@code t}. */
    private static Instant nextTick(Instant t) {
        return Instant.ofEpochMilli((t.toEpochMilli() / PERIOD_MILLIS + 1) * PERIOD_MILLIS);
    }

    /** The fate the page shows for the schedule's tick at {@code at}. */
    private static String fates(JsonNode schedules, String name, Instant at) {
        for (JsonNode s : schedules) {
            if (s.path("name").asText().equals(name)) {
                for (JsonNode tick : s.path("ticks")) {
                    if (tick.path("scheduledAt").asLong() == at.toEpochMilli()) {
                        return tick.path("fate").asText();
                    }
                }
                return "no tick at " + at + " in " + s.path("ticks");
            }
        }
        return "no schedule " + name + " in " + schedules;
    }

    private static List<Started> started(AppProcess app) throws Exception {
        List<Started> started = new ArrayList<>();
        Matcher m = TICK.matcher(app.log());
        while (m.find()) {
            started.add(new Started(m.group(1), m.group(2), Instant.parse(m.group(3)), m.group(4), m.group(5)));
        }
        return started;
    }

    private static JsonNode get(String url) throws Exception {
        return MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), prefix);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
