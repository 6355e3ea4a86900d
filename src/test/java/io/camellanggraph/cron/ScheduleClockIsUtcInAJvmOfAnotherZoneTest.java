package io.camellanggraph.cron;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.testsupport.AppProcess;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The app as a real process in a JVM whose default zone is Asia/Kolkata (+05:30): a {@code langgraph:schedule}
 * without {@code timezone}, documented as UTC, gets a Quartz trigger in UTC, whose real next fire time (the operator
 * page shows {@code Trigger.getNextFireTime()}) is 10:43 UTC, the time catch-up computes too. A plain {@code quartz:}
 * route in the same app, which leaves the zone to Quartz, shows the JVM's zone is not UTC.
 */
class ScheduleClockIsUtcInAJvmOfAnotherZoneTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aScheduleWithoutTimezoneFiresAtItsUtcTimeInAJvmInKolkata() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "utc-clock-");
        try (AppProcess app = new AppProcess("utc-clock", LangGraphTestSupport.freePort())
                .with("user.timezone", "Asia/Kolkata")
                .with("langgraph.url", LangGraphServer.python().url())
                .with("langgraph.webhook.secret", LangGraphTestSupport.SECRET)
                .with("langgraph.data-dir", data.toString())
                // no TCP acceptor for the embedded broker: nothing to collide with on a shared machine
                .with("jms.embedded.port", "0")
                .with("app.out-dir", data.resolve("out").toString())
                .with("camel.main.routes-include-pattern", "file:src/test/resources/routes/utc-schedule.camel.yaml")
                .start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> app.log().contains("schedule(s) checked for missed ticks"));
            JsonNode schedules = MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.managementPort()
                    + "/langgraph/api/status?limit=1")).GET().build(), HttpResponse.BodyHandlers.ofString()).body()).path("schedules");

            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            ZonedDateTime today = now.withHour(10).withMinute(43).withSecond(0).withNano(0);
            long expected = (today.isAfter(now) ? today : today.plusDays(1)).toInstant().toEpochMilli();
            JsonNode utc = find(schedules, "utc-report");
            assertThat(utc.path("timezone").asText()).isEqualTo("UTC");
            assertThat(utc.path("nextFireAt").asLong()).as("next fire of %s", utc).isEqualTo(expected);
            // the control: Quartz's own default is the JVM's zone, 10:43 in Kolkata (05:13 UTC)
            JsonNode control = find(schedules, "control/jvm-zone");
            assertThat(control.path("timezone").asText()).isEqualTo("Asia/Kolkata");
            assertThat(ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(control.path("nextFireAt").asLong()), ZoneOffset.UTC).getHour())
                    .isEqualTo(5);
        }
    }

    private static JsonNode find(JsonNode schedules, String name) {
        for (JsonNode s : schedules) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no schedule " + name + " in " + schedules);
    }
}
