package io.camellanggraph.cron;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.store.ScheduleState;
import io.camellanggraph.store.ScheduleTick;
import io.camellanggraph.store.TickFate;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.PostgresServer;
import io.camellanggraph.testsupport.YamlApp;
import org.apache.camel.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pause and resume (through the route endpoints {@code langgraph:pauseSchedule}/{@code resumeSchedule}) on two instances
 * sharing one PostgreSQL store, across a restart; {@code pauseAfterFailures}; run now with another input, recorded
 * {@code manual}. Against the real Python server.
 */
class ScheduleControlsTest {

    private static final String EVERY_SECOND = """
            - route:
                from:
                  uri: "langgraph:schedule/%1$s"
                  parameters: {schedule: "* * * * * ?"%2$s}
                  steps:
                    - setBody:
                        constant: '{"text": "tick"}'
                    - to: "langgraph:run?assistantId=%3$s&threadId=new&callback=%1$s"
                    - process:
                        ref: collect-started
            - route:
                from:
                  uri: "langgraph:webhook/%1$s"
                  steps:
                    - process:
                        ref: collect-outcomes
            """;

    private final LangGraphServer server = LangGraphServer.python();
    private final List<YamlApp> apps = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stopTheApps() {
        apps.forEach(YamlApp::close);
    }

    private YamlApp instance(String storeUrl, String routes) throws Exception {
        YamlApp app = new YamlApp(server, LangGraphTestSupport.freePort(),
                Files.createTempDirectory(Path.of("target").toAbsolutePath(), "schedule-controls-"));
        if (storeUrl != null) {
            app.langgraph().setStoreUrl(storeUrl);
            app.langgraph().setStoreUser(PostgresServer.USER);
            app.langgraph().setStorePassword(PostgresServer.PASSWORD);
        }
        apps.add(app);
        return app.routes(routes).start();
    }

    private static Stream<Instant> scheduled(YamlApp app) {
        return app.collected("started").stream().map(m -> Instant.parse(m.getHeader(LangGraphConstants.SCHEDULED_FIRE_TIME, String.class)));
    }

    private static List<Instant> startedAfter(Instant from, YamlApp... apps) {
        return Stream.of(apps).flatMap(ScheduleControlsTest::scheduled).filter(t -> t.isAfter(from)).toList();
    }

    @Test
    void pauseHoldsOnBothInstancesOfAPostgresClusterAndAcrossARestartAndResumeFiresTheNextTick() throws Exception {
        String db = PostgresServer.shared().newDatabase("pause");
        String routes = EVERY_SECOND.formatted("shared-clock", "", "echo");
        YamlApp a = instance(db, routes);
        YamlApp b = instance(db, routes);
        await().atMost(Duration.ofSeconds(20)).until(() -> startedAfter(Instant.EPOCH, a, b).size() >= 3);
        // both instances tick (each its own in-memory Quartz), yet each tick ran once: the store's row decides
        assertThat(startedAfter(Instant.EPOCH, a, b)).doesNotHaveDuplicates();

        a.context().createProducerTemplate().sendBody("langgraph:pauseSchedule/shared-clock", "ERP maintenance until 14:00");
        Instant paused = Instant.now();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> startedAfter(paused.plusSeconds(1), a, b).isEmpty());
        Schedules schedules = b.context().hasService(Schedules.class);
        List<ScheduleTick> missed = schedules.store().last("shared-clock", 10).stream()
                .filter(t -> t.scheduledAt() > paused.plusSeconds(1).toEpochMilli()).toList();
        assertThat(missed).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(t -> assertThat(t.fate()).isEqualTo(TickFate.MISSED))
                .allSatisfy(t -> assertThat(t.detail()).isEqualTo("paused: ERP maintenance until 14:00"));

        // b restarts: the pause is in the store
        b.close();
        apps.remove(b);
        YamlApp restarted = instance(db, routes);
        ScheduleState state = restarted.context().hasService(Schedules.class).store().state("shared-clock");
        assertThat(state.paused()).isTrue();
        assertThat(state.note()).isEqualTo("ERP maintenance until 14:00");
        Instant restartedAt = Instant.now();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> startedAfter(restartedAt, a, restarted).isEmpty());

        restarted.context().createProducerTemplate().sendBody("langgraph:resumeSchedule/shared-clock", null);
        Instant resumed = Instant.now();
        await().atMost(Duration.ofSeconds(5)).until(() -> !startedAfter(resumed, a, restarted).isEmpty());
    }

    @Test
    void aScheduleWhoseTicksFailInARowPausesItself() throws Exception {
        YamlApp app = instance(null, EVERY_SECOND.formatted("broken", ", pauseAfterFailures: 2", "no-such-graph"));
        Schedules schedules = app.context().hasService(Schedules.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> schedules.store().state("broken").paused());
        ScheduleState state = schedules.store().state("broken");
        assertThat(state.note()).isEqualTo("paused itself after 2 failed ticks in a row (pauseAfterFailures)");
        List<ScheduleTick> ticks = schedules.store().last("broken", 10);
        // ticks already on their way when the second failure paused it fail too (the first answers may take seconds)
        assertThat(ticks).filteredOn(t -> t.fate().equals(TickFate.FAILED)).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(t -> assertThat(t.detail()).contains("no-such-graph"));
        // paused: the following ticks are recorded missed, nothing runs
        await().atMost(Duration.ofSeconds(5)).until(() -> schedules.store().last("broken", 1).get(0).fate().equals(TickFate.MISSED));
        assertThat(schedules.ticks().get("failed.broken")).isEqualTo(schedules.store().last("broken", 1000).stream()
                .filter(t -> t.fate().equals(TickFate.FAILED)).count());
    }

    @Test
    void jitteredTicksFireLaterButBeforeTheNextTickAndKeepTheirScheduledTime() throws Exception {
        // a tick every 2 s, jitter up to 1.5 s
        YamlApp app = instance(null, EVERY_SECOND.replace("* * * * * ?", "0/2 * * * * ?").formatted("jittered", ", jitter: 1500ms, overlap: allowAll", "echo"));
        await().atMost(Duration.ofSeconds(30)).until(() -> app.collected("started").size() >= 4);
        List<Long> delays = new java.util.ArrayList<>();
        for (Message started : app.collected("started")) {
            Instant scheduled = Instant.parse(started.getHeader(LangGraphConstants.SCHEDULED_FIRE_TIME, String.class));
            assertThat(scheduled.toEpochMilli() % 2000).as("on the schedule's grid").isZero();
            // Quartz's own due time of the fire: the jittered one, within the bound and before the next tick
            long due = started.getHeader("scheduledFireTime", java.util.Date.class).getTime();
            assertThat(due - scheduled.toEpochMilli()).isBetween(0L, 1500L);
            delays.add(due - scheduled.toEpochMilli());
        }
        assertThat(delays).as("jitter delays").anySatisfy(d -> assertThat(d).isPositive());
        Schedules schedules = app.context().hasService(Schedules.class);
        // recorded waiting until their fire; those that started their runs are fired
        List<Long> startedTicks = app.collected("started").stream()
                .map(m -> Instant.parse(m.getHeader(LangGraphConstants.SCHEDULED_FIRE_TIME, String.class)).toEpochMilli()).toList();
        assertThat(schedules.store().last("jittered", 100)).filteredOn(t -> startedTicks.contains(t.scheduledAt()))
                .hasSameSizeAs(startedTicks).extracting(ScheduleTick::fate).containsOnly(TickFate.FIRED);
    }

    @Test
    void runNowWithAnotherInputIsRecordedManualAndCarriesThatInput() throws Exception {
        // a schedule that never ticks by itself (1 January 2099)
        YamlApp app = instance(null, EVERY_SECOND.replace("* * * * * ?", "0 0 0 1 1 ? 2099").formatted("on-demand", "", "echo"));
        app.context().createProducerTemplate().sendBody("langgraph:runSchedule/on-demand", "{\"text\": \"now please\"}");
        Message outcome = await().atMost(Duration.ofSeconds(30)).until(() -> app.collected("outcomes"), l -> !l.isEmpty()).get(0);
        assertThat(outcome.getBody(String.class)).contains("NOW PLEASE");
        Message started = app.collected("started").get(0);
        assertThat(started.getHeader(LangGraphConstants.TICK_FATE)).isEqualTo(TickFate.MANUAL.value());
        Schedules schedules = app.context().hasService(Schedules.class);
        assertThat(schedules.store().last("on-demand", 5)).singleElement().satisfies(t -> {
            assertThat(t.fate()).isEqualTo(TickFate.MANUAL);
            assertThat(t.detail()).isEqualTo("with another input");
            assertThat(t.runId()).isEqualTo(started.getHeader(LangGraphConstants.RUN_ID));
        });
    }

    @Test
    void pausingAServerSideCronDisablesItOnTheServerAndARestartKeepsItDisabledUntilResumed() throws Exception {
        String name = "paused-digest-" + Long.toString(System.nanoTime(), 36);
        String routes = """
                - route:
                    from:
                      uri: "langgraph:cron/%s"
                      parameters: {assistantId: echo, schedule: "0 3 * * *", input: '{"text": "digest"}'}
                      steps:
                        - log: "cron run ${header.CamelLangGraphRunId}"
                """.formatted(name);
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cron-pause-");
        int port = LangGraphTestSupport.freePort();
        YamlApp first = new YamlApp(server, port, data);
        apps.add(first);
        first.routes(routes).start();
        assertThat(serverCron(first, name).path("enabled").asBoolean()).isTrue();

        first.context().createProducerTemplate().sendBody("langgraph:pauseSchedule/" + name, "holiday week");
        assertThat(serverCron(first, name).path("enabled").asBoolean()).isFalse();
        first.close();
        apps.remove(first);

        // the route declares no enabled (the server's default, true): the pause in the store wins at reconciliation
        YamlApp second = new YamlApp(server, port, data);
        apps.add(second);
        second.routes(routes).start();
        assertThat(serverCron(second, name).path("enabled").asBoolean()).isFalse();
        second.context().createProducerTemplate().sendBody("langgraph:resumeSchedule/" + name, null);
        assertThat(serverCron(second, name).path("enabled").asBoolean()).isTrue();
        second.langgraph().callbackHub().client().deleteCron(serverCron(second, name).path("cron_id").asText());
    }

    private static com.fasterxml.jackson.databind.JsonNode serverCron(YamlApp app, String name) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode query = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        query.putObject("metadata").put(CronReconciler.NAME_METADATA, name);
        List<com.fasterxml.jackson.databind.JsonNode> crons = app.langgraph().callbackHub().client().searchCrons(query);
        assertThat(crons).hasSize(1);
        return crons.get(0);
    }
}
