package io.camellanggraph.cron;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.client.Run;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.store.ScheduleTick;
import io.camellanggraph.store.TickFate;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.YamlApp;
import org.apache.camel.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The overlap policies of {@code langgraph:schedule/<name>?overlap=...} against the real Python server: a tick every
 * 2 s, each run of the {@code sleep} graph takes 5 s, so every policy meets ticks while its previous run still runs.
 */
class ScheduleOverlapPoliciesTest {

    private final LangGraphServer server = LangGraphServer.python();
    private YamlApp app;

    @AfterEach
    void stopTheApp() {
        if (app != null) {
            app.close();
        }
    }

    private Schedules start(String name, String options) throws Exception {
        app = new YamlApp(server);
        app.routes("""
                - route:
                    from:
                      uri: "langgraph:schedule/%1$s"
                      parameters: {schedule: "0/2 * * * * ?", %2$s}
                      steps:
                        - setBody:
                            constant: '{"seconds": 5}'
                        - to: "langgraph:run?assistantId=sleep&threadId=new&callback=%1$s"
                        - process:
                            ref: collect-started
                - route:
                    from:
                      uri: "langgraph:webhook/%1$s"
                      steps:
                        - process:
                            ref: collect-outcomes
                """.formatted(name, options)).start();
        return app.context().hasService(Schedules.class);
    }

    private List<ScheduleTick> ticks(Schedules schedules, String name) {
        return schedules.store().last(name, 1000);
    }

    private static long count(List<ScheduleTick> ticks, TickFate fate) {
        return ticks.stream().filter(t -> t.fate().equals(fate)).count();
    }

    /** The runs the schedule started, from the server, oldest first. */
    private List<Run> runs() {
        LangGraphClient client = clientOf();
        return app.collected("started").stream()
                .map(m -> client.getRun(m.getHeader(LangGraphConstants.THREAD_ID, String.class), m.getHeader(LangGraphConstants.RUN_ID, String.class)))
                .sorted(Comparator.comparing(r -> Instant.parse(r.json().path("created_at").asText()))).toList();
    }

    private LangGraphClient clientOf() {
        try {
            return app.langgraph().callbackHub().client();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertNoOverlap(List<Run> runs) {
        for (int i = 1; i < runs.size(); i++) {
            Instant previousEnded = Instant.parse(runs.get(i - 1).json().path("updated_at").asText());
            Instant created = Instant.parse(runs.get(i).json().path("created_at").asText());
            assertThat(created).as("run %d created after run %d ended", i, i - 1).isAfterOrEqualTo(previousEnded);
        }
    }

    @Test
    void skipRecordsTheTicksWhileTheRunRunsAsSkippedAndRunsNeverOverlap() throws Exception {
        Schedules schedules = start("overlap-skip", "overlap: skip");
        await().atMost(Duration.ofSeconds(40)).until(() -> app.collected("outcomes").size() >= 2);
        List<ScheduleTick> ticks = ticks(schedules, "overlap-skip");
        assertThat(count(ticks, TickFate.SKIPPED)).isGreaterThanOrEqualTo(2);
        assertThat(ticks).filteredOn(t -> t.fate().equals(TickFate.SKIPPED)).allSatisfy(t -> assertThat(t.detail()).contains("still running"));
        assertNoOverlap(runs().subList(0, 2));
        assertThat(schedules.ticks().get("skipped.overlap-skip")).isEqualTo(count(ticks(schedules, "overlap-skip"), TickFate.SKIPPED));
    }

    @Test
    void bufferOneKeepsOneTickAndRunsItWithItsScheduledTimeWhenTheRunEnds() throws Exception {
        Schedules schedules = start("overlap-buffer-one", "overlap: bufferOne");
        await().atMost(Duration.ofSeconds(40)).until(() -> app.collected("started").size() >= 2);
        List<ScheduleTick> ticks = ticks(schedules, "overlap-buffer-one");
        // the second run came from a buffered tick: its scheduled time is the tick's, seconds before the run was created
        Message second = app.collected("started").get(1);
        Instant scheduled = Instant.parse(second.getHeader(LangGraphConstants.SCHEDULED_FIRE_TIME, String.class));
        assertThat(ticks).anySatisfy(t -> {
            assertThat(t.scheduledAt()).isEqualTo(scheduled.toEpochMilli());
            assertThat(t.detail()).isEqualTo("buffered until the previous run ended");
        });
        List<Run> runs = runs();
        assertThat(runs.get(1).metadata("camel_langgraph_scheduled_at")).isEqualTo(scheduled.toString());
        assertThat(Instant.parse(runs.get(1).json().path("created_at").asText())).isAfter(scheduled.plusSeconds(2));
        // the other ticks meanwhile found the buffer full
        assertThat(ticks).filteredOn(t -> t.fate().equals(TickFate.SKIPPED)).isNotEmpty()
                .allSatisfy(t -> assertThat(t.detail()).contains("buffer full (1)"));
        assertNoOverlap(runs.subList(0, 2));
    }

    @Test
    void bufferAllKeepsUpToBufferSizeTicksAndRunsThemOneAfterTheOther() throws Exception {
        Schedules schedules = start("overlap-buffer-all", "overlap: bufferAll, bufferSize: 2");
        await().atMost(Duration.ofSeconds(40)).until(() -> ticks(schedules, "overlap-buffer-all").stream()
                .anyMatch(t -> t.fate().equals(TickFate.SKIPPED)));
        // two ticks wait while the first run runs; the third found the buffer full
        assertThat(count(ticks(schedules, "overlap-buffer-all"), TickFate.BUFFERED)).isEqualTo(2);
        assertThat(ticks(schedules, "overlap-buffer-all")).filteredOn(t -> t.fate().equals(TickFate.SKIPPED))
                .allSatisfy(t -> assertThat(t.detail()).contains("buffer full (2)"));
        await().atMost(Duration.ofSeconds(40)).until(() -> app.collected("started").size() >= 3);
        assertNoOverlap(runs().subList(0, 3));
    }

    @Test
    void cancelOtherInterruptsTheRunningRunAndStartsTheTicksRun() throws Exception {
        start("overlap-cancel", "overlap: cancelOther");
        await().atMost(Duration.ofSeconds(40)).until(() -> app.collected("outcomes").size() >= 2);
        List<Message> outcomes = app.collected("outcomes");
        // each run is interrupted by the next tick, 2 s into its 5 s
        assertThat(outcomes).extracting(m -> m.getHeader(LangGraphConstants.RUN_STATUS)).contains("interrupted");
        assertThat(app.collected("started").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aTickCatchUpFiredIsNeitherFiredAgainByQuartzNorCancelledAsItsOwnPreviousRun() throws Exception {
        String name = "overlap-caught-up";
        Schedules schedules = start(name, "overlap: cancelOther");
        // as at a start: catch-up records and fires the tick that is due next, before Quartz fires it itself
        long tick = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<ScheduleTick> recorded = ticks(schedules, name);
            long next = recorded.isEmpty() ? 0 : recorded.get(0).scheduledAt() + 2000;
            return System.currentTimeMillis() < next - 700 ? next : 0;
        }, next -> next > 0);
        assertThat(schedules.catchUp(schedules.policy(name), tick)).isEqualTo(1);
        String scheduled = Instant.ofEpochMilli(tick).toString();
        Message started = await().atMost(Duration.ofSeconds(20)).until(() -> app.collected("started").stream()
                .filter(m -> scheduled.equals(m.getHeader(LangGraphConstants.SCHEDULED_FIRE_TIME, String.class))).findFirst().orElse(null),
                m -> m != null);

        // Quartz fired the same tick at its time: vetoed, so the caught-up run ran on until the next tick cancelled it
        Run run = await().atMost(Duration.ofSeconds(30)).until(() -> clientOf().getRun(started.getHeader(LangGraphConstants.THREAD_ID, String.class),
                started.getHeader(LangGraphConstants.RUN_ID, String.class)), Run::isTerminal);
        assertThat(Instant.parse(run.json().path("updated_at").asText())).as("ended by the next tick's cancelOther, not by its own")
                .isAfterOrEqualTo(Instant.ofEpochMilli(tick + 1500));
        assertThat(ticks(schedules, name)).filteredOn(t -> t.scheduledAt() == tick).singleElement()
                .satisfies(t -> assertThat(t.fate()).isEqualTo(TickFate.CAUGHT_UP));
    }

    @Test
    void allowAllLetsRunsOverlap() throws Exception {
        start("overlap-allow", "overlap: allowAll");
        await().atMost(Duration.ofSeconds(40)).until(() -> app.collected("started").size() >= 3);
        List<Run> runs = runs();
        Instant firstEnded = await().atMost(Duration.ofSeconds(30)).until(() -> clientOf().getRun(runs.get(0).threadId(), runs.get(0).runId()),
                Run::isTerminal).json().path("updated_at").asText().transform(Instant::parse);
        assertThat(Instant.parse(runs.get(1).json().path("created_at").asText())).as("second run started while the first ran")
                .isBefore(firstEnded);
    }

    @Test
    void maxConcurrentRunsBoundsAllowAll() throws Exception {
        Schedules schedules = start("overlap-max", "overlap: allowAll, maxConcurrentRuns: 2");
        await().atMost(Duration.ofSeconds(40)).until(() -> count(ticks(schedules, "overlap-max"), TickFate.SKIPPED) >= 1);
        // 2 runs started 2 s apart, each 5 s: the third tick found two running and was skipped
        assertThat(ticks(schedules, "overlap-max")).filteredOn(t -> t.fate().equals(TickFate.SKIPPED))
                .allSatisfy(t -> assertThat(t.detail()).contains("still running"));
        assertThat(app.collected("started")).hasSizeGreaterThanOrEqualTo(2);
        // two at once, not one: the second run started while the first still ran (a bound of 1 would have skipped it)
        List<Run> runs = runs();
        Instant firstEnded = await().atMost(Duration.ofSeconds(30)).until(() -> clientOf().getRun(runs.get(0).threadId(), runs.get(0).runId()),
                Run::isTerminal).json().path("updated_at").asText().transform(Instant::parse);
        assertThat(Instant.parse(runs.get(1).json().path("created_at").asText())).as("second run started while the first ran")
                .isBefore(firstEnded);
    }
}
