package io.camellanggraph.app.ops;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.testsupport.TestLogs;
import io.camellanggraph.testsupport.LangGraphServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Skipped schedule ticks (issue 12): a Camel-side schedule ticking every second whose runs take three seconds skips
 * the ticks that come while its previous run is still active; the operator view and the metrics count each skip the
 * schedule logged.
 */
class ScheduleTicksTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path TEST_LOG = TestLogs.file();

    private static final String SLOW_SCHEDULE = """
        - route:
            id: slow-schedule-results
            from:
              uri: "langgraph:schedule/slow-schedule"
              parameters:
                schedule: "0/1 * * * * ?"
              steps:
                - setBody:
                    constant: '{"seconds": 3}'
                - to: "langgraph:run?assistantId=sleep&callback=ops"
                - to: "log:slow-schedule-started?level=DEBUG"
        """;

    @Test
    void ticksWhosePreviousRunIsStillActiveAreSkippedAndCountedOnceEach() throws Exception {
        long logStart = Files.exists(TEST_LOG) ? Files.size(TEST_LOG) : 0;
        OperatorApp app = new OperatorApp("ticks", LangGraphServer.python(), "", exchange -> { }, Map.of(), SLOW_SCHEDULE).begin();
        try {
            String routeId = await().atMost(Duration.ofSeconds(20)).until(() -> slowScheduleRoute(app), id -> id != null);
            await().atMost(Duration.ofSeconds(30)).until(() -> skipped(app, routeId) >= 2);
            // stopped, nothing ticks any more; a tick being decided as the route stopped is counted, then logged
            app.main.getCamelContext().getRouteController().stopRoute(routeId);

            // the Kamelet is a langgraph:schedule: its overlap policy (skip) records and logs each skipped tick once
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(skipped(app, routeId)).isEqualTo(loggedSkips(logStart)));
            long logged = loggedSkips(logStart);
            assertThat(logged).isGreaterThanOrEqualTo(2);
            String scrape = app.get("/observe/metrics", null).body();
            assertThat(scrape).contains("langgraph_schedule_ticks_total{outcome=\"skipped\",schedule=\"slow-schedule\"} " + logged + ".0");
            // a skipped tick is never counted missed; the only missed ticks are from the start (a tick between the
            // schedule's declaration and its catch-up that a later tick caught up on a slow start)
            JsonNode ticks = schedule(app, routeId);
            long missed = ticks.path("missedTicks").asLong();
            assertThat(scrape).contains("langgraph_schedule_ticks_total{outcome=\"missed\",schedule=\"slow-schedule\"} " + missed + ".0");
            for (JsonNode tick : ticks.path("ticks")) {
                if (tick.path("fate").asText().equals("missed")) {
                    assertThat(tick.path("detail").asText()).startsWith("app down");
                }
            }
        } finally {
            app.end();
        }
    }

    /** The route id of the slow schedule's Quartz route, as the operator view lists it. */
    private static String slowScheduleRoute(OperatorApp app) throws Exception {
        for (JsonNode schedule : status(app).path("schedules")) {
            if (schedule.path("name").asText().equals("slow-schedule")) {
                return schedule.path("routeId").asText();
            }
        }
        return null;
    }

    private static long skipped(OperatorApp app, String routeId) throws Exception {
        return schedule(app, routeId).path("skippedTicks").asLong();
    }

    private static JsonNode schedule(OperatorApp app, String routeId) throws Exception {
        for (JsonNode schedule : status(app).path("schedules")) {
            if (routeId.equals(schedule.path("routeId").asText())) {
                return schedule;
            }
        }
        throw new AssertionError("no schedule " + routeId);
    }

    private static long loggedSkips(long logStart) throws Exception {
        return count(Pattern.compile("Schedule slow-schedule: tick at \\S+ skipped, [^\\n]* still running"), logSince(logStart));
    }

    private static JsonNode status(OperatorApp app) throws Exception {
        return MAPPER.readTree(app.get("/langgraph/api/status", null).body());
    }

    private static String logSince(long offset) throws Exception {
        byte[] all = Files.readAllBytes(TEST_LOG);
        return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset), StandardCharsets.UTF_8);
    }

    private static long count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
