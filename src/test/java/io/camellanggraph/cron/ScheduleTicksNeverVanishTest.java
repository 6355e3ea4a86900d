package io.camellanggraph.cron;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.store.JdbcCallbackStore;
import io.camellanggraph.store.ScheduleTick;
import io.camellanggraph.store.TickFate;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.YamlApp;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every tick of a {@code langgraph:schedule} gets a fate in the store, whatever happens at the tick: the store fails
 * (recorded {@code failed} once it is back), the LangGraph server does not answer the overlap check ({@code failed}
 * with the reason), Quartz misfires several ticks (each {@code missed}), the schedule is paused while ticks are buffered
 * or jittered (none of them fires), the app stops while a jittered tick waits for its time (fired after the restart).
 * Against the real Python server where a run starts.
 */
class ScheduleTicksNeverVanishTest {

    private final LangGraphServer server = LangGraphServer.python();
    private final List<YamlApp> apps = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stopTheApps() {
        apps.forEach(YamlApp::close);
    }

    /** A schedule whose ticks are collected ({@code ticks}), or start a run of {@code steps} when given. */
    private static String routes(String name, String parameters, String steps) {
        return """
                - route:
                    from:
                      uri: "langgraph:schedule/%s"
                      parameters: {%s}
                      steps:
                %s
                        - process:
                            ref: collect-ticks
                """.formatted(name, parameters, steps.indent(8).stripTrailing());
    }

    /** An app on the real server (or on {@code url}), its Quartz misfire threshold 1 s (Quartz's default: 60 s). */
    private YamlApp start(String url, int port, Path data, String routes) throws Exception {
        YamlApp app = new YamlApp(url == null ? server.url() : url, port, data);
        QuartzComponent quartz = new QuartzComponent();
        quartz.setProperties(Map.of("org.quartz.scheduler.instanceName", "ticks-" + port, "org.quartz.threadPool.threadCount", "4",
                "org.quartz.jobStore.misfireThreshold", "1000"));
        app.context().addComponent("quartz", quartz);
        apps.add(app);
        return app.routes(routes).start();
    }

    private YamlApp start(String routes) throws Exception {
        return start(null, LangGraphTestSupport.freePort(), Files.createTempDirectory(Path.of("target").toAbsolutePath(), "ticks-"), routes);
    }

    private static Schedules schedules(YamlApp app) {
        return app.context().hasService(Schedules.class);
    }

    private static List<ScheduleTick> rows(YamlApp app, String name) {
        return schedules(app).store().last(name, 1000);
    }

    private static String fate(YamlApp app, String name, long scheduledAt) {
        return rows(app, name).stream().filter(t -> t.scheduledAt() == scheduledAt).map(t -> String.valueOf(t.fate())).findFirst().orElse(null);
    }

    private static Set<Long> ticksThatRan(YamlApp app) {
        return app.collected("ticks").stream()
                .map(m -> Instant.parse(m.getHeader(LangGraphConstants.SCHEDULED_FIRE_TIME, String.class)).toEpochMilli())
                .collect(Collectors.toSet());
    }

    private static void sql(YamlApp app, String statement) throws Exception {
        DataSource data = ((JdbcCallbackStore) app.langgraph().callbackHub().store()).dataSource();
        try (Connection c = data.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static Scheduler quartz(YamlApp app) {
        return app.context().getComponent("quartz", QuartzComponent.class).getScheduler();
    }

    /** A jittered tick's pending one-off fire, due at least {@code margin} from now. */
    private static Trigger pendingJitteredFire(YamlApp app, String name, Duration margin) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> quartz(app)
                .getTriggersOfJob(JobKey.jobKey(name, QuartzSchedules.GROUP)).stream()
                .filter(t -> t.getJobDataMap().containsKey(TickKeys.SCHEDULED_AT) && t.getNextFireTime() != null
                        && t.getNextFireTime().getTime() > System.currentTimeMillis() + margin.toMillis())
                .findFirst().orElse(null), Objects::nonNull);
    }

    @Test
    void aTickQuartzRecordsWhileCatchUpRunsHidesNoEarlierMissedTick() throws Exception {
        String name = "catch-up-race";
        // hourly at a minute half an hour away: no regular tick of its own comes near the ticks looked at
        int minute = (int) ((System.currentTimeMillis() / 60_000 + 30) % 60);
        YamlApp app = start(routes(name, "schedule: \"0 %d * * * ?\", catchUp: all, catchUpWindow: 3h".formatted(minute), ""));
        long now = System.currentTimeMillis();
        long hour = 3_600_000;
        long latestDue = now - (now - minute * 60_000L) % hour;
        long firstMissed = latestDue - hour;
        long lastBeforeTheDowntime = firstMissed - hour;
        // the app ran until its tick before the downtime; it was down for the two ticks after
        sql(app, "UPDATE lg_schedule SET declared_at = " + (lastBeforeTheDowntime - 1) + " WHERE schedule = '" + name + "'");
        schedules(app).store().record(name, lastBeforeTheDowntime, TickFate.FIRED, null, lastBeforeTheDowntime);
        // as if Quartz fired the next tick once the store was open, while catch-up was still to run
        schedules(app).store().record(name, latestDue + hour, TickFate.FIRED, null, now);

        schedules(app).catchUp(schedules(app).policy(name), now);

        assertThat(fate(app, name, firstMissed)).isEqualTo("caught-up");
        assertThat(fate(app, name, latestDue)).isEqualTo("caught-up");
    }

    @Test
    void ticksWhileTheStoreFailsAreRecordedFailedOnceItIsBackAndNoneRuns() throws Exception {
        YamlApp app = start(routes("store-down", "schedule: \"* * * * * ?\"", ""));
        await().atMost(Duration.ofSeconds(10)).until(() -> app.collected("ticks").size() >= 1);
        // the table gone: every statement of the schedule store fails
        sql(app, "ALTER TABLE lg_schedule_tick RENAME TO lg_schedule_tick_away");
        long away = System.currentTimeMillis();
        int ranBefore = app.collected("ticks").size();
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4)).until(() -> app.collected("ticks").size() == ranBefore);
        long back = System.currentTimeMillis();
        sql(app, "ALTER TABLE lg_schedule_tick_away RENAME TO lg_schedule_tick");

        // the ticks in between (each full second) are written failed, with the reason, before any later tick
        List<Long> during = java.util.stream.LongStream.rangeClosed(away / 1000 + 1, (back - 1) / 1000).map(s -> s * 1000).boxed().toList();
        assertThat(during).hasSizeGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> during.stream().allMatch(at -> fate(app, "store-down", at) != null));
        assertThat(rows(app, "store-down")).filteredOn(t -> during.contains(t.scheduledAt())).hasSameSizeAs(during).allSatisfy(t -> {
            assertThat(String.valueOf(t.fate())).isEqualTo("failed");
            assertThat(t.detail()).contains("failed at the tick").contains("lg_schedule_tick");
        });
        assertThat(ticksThatRan(app)).doesNotContainAnyElementsOf(during);
    }

    @Test
    void aTickWhoseOverlapCheckTheServerDoesNotAnswerIsRecordedFailedWithTheReason() throws Exception {
        // the server is down: nothing listens on its port
        String down = "http://127.0.0.1:" + LangGraphTestSupport.freePort();
        YamlApp app = start(down, LangGraphTestSupport.freePort(), Files.createTempDirectory(Path.of("target").toAbsolutePath(), "ticks-"),
                routes("server-down", "schedule: \"* * * * * ?\"", ""));
        await().atMost(Duration.ofSeconds(10)).until(() -> app.collected("ticks").size() >= 1);
        // a run of the schedule that the store says is running: the next tick asks the server whether it still runs
        sql(app, "INSERT INTO lg_schedule_tick (schedule, scheduled_at, fate, recorded_at, run_id, thread_id)"
                + " VALUES ('server-down', 1000, 'fired', 1000, '1ef3a7c0-0000-0000-0000-000000000001', '1ef3a7c0-0000-0000-0000-000000000002')");
        long seeded = System.currentTimeMillis();

        ScheduleTick failed = await().atMost(Duration.ofSeconds(10)).until(() -> rows(app, "server-down").stream()
                .filter(t -> t.scheduledAt() > seeded).findFirst().orElse(null), Objects::nonNull);
        assertThat(String.valueOf(failed.fate())).isEqualTo("failed");
        assertThat(failed.detail()).contains("failed at the tick").contains("Unreachable");
        assertThat(ticksThatRan(app)).doesNotContain(failed.scheduledAt());
    }

    @Test
    void everyTickQuartzMisfiredIsRecordedMissed() throws Exception {
        YamlApp app = start(routes("misfired", "schedule: \"* * * * * ?\"", ""));
        await().atMost(Duration.ofSeconds(10)).until(() -> app.collected("ticks").size() >= 2);
        Scheduler scheduler = quartz(app);
        scheduler.standby();
        long paused = System.currentTimeMillis();
        // a trigger acquired just before the standby may still fire; none after it, for 3 s
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                .until(() -> ticksThatRan(app).stream().noneMatch(at -> at > paused + 1100));
        scheduler.start();
        long resumed = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(10)).until(() -> ticksThatRan(app).stream().filter(at -> at > resumed).count() >= 2);

        // no second of the schedule without its row, from the first tick to the newest
        List<Long> recorded = rows(app, "misfired").stream().map(ScheduleTick::scheduledAt).sorted().toList();
        long first = recorded.get(0);
        long last = recorded.get(recorded.size() - 1);
        assertThat(recorded).containsAll(java.util.stream.LongStream.iterate(first, at -> at <= last, at -> at + 1000).boxed().toList());
        assertThat(rows(app, "misfired")).filteredOn(t -> String.valueOf(t.fate()).equals("missed")).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(t -> assertThat(t.detail()).startsWith("not fired within Quartz's misfire threshold"));
    }

    @Test
    void aPausedScheduleReleasesNoBufferedTick() throws Exception {
        // a tick every 2 s, each run 5 s: the tick after a run started is buffered
        YamlApp app = start(routes("paused-buffer", "schedule: \"0/2 * * * * ?\", overlap: bufferOne", """
                - setBody:
                    constant: '{"seconds": 5}'
                - to: "langgraph:run?assistantId=sleep&threadId=new"
                """));
        long buffered = await().atMost(Duration.ofSeconds(30)).until(() -> rows(app, "paused-buffer").stream()
                .filter(t -> String.valueOf(t.fate()).equals("buffered")).map(ScheduleTick::scheduledAt).findFirst().orElse(0L), at -> at > 0);
        app.context().createProducerTemplate().sendBody("langgraph:pauseSchedule/paused-buffer", "release freeze");

        // the run it waited for ends within 5 s; the buffered tick does not run then
        await().atMost(Duration.ofSeconds(15)).until(() -> !"buffered".equals(fate(app, "paused-buffer", buffered)));
        assertThat(fate(app, "paused-buffer", buffered)).isEqualTo("missed");
        assertThat(rows(app, "paused-buffer")).filteredOn(t -> t.scheduledAt() == buffered).singleElement()
                .satisfies(t -> assertThat(t.detail()).isEqualTo("paused: release freeze while buffered"));
        assertThat(ticksThatRan(app)).doesNotContain(buffered);
    }

    @Test
    void aPausedScheduleFiresNoPendingJitteredTick() throws Exception {
        YamlApp app = start(routes("paused-jitter", "schedule: \"0/4 * * * * ?\", jitter: 3500ms, overlap: allowAll", ""));
        long scheduledAt = pendingJitteredFire(app, "paused-jitter", Duration.ofSeconds(1)).getJobDataMap().getLong(TickKeys.SCHEDULED_AT);
        app.context().createProducerTemplate().sendBody("langgraph:pauseSchedule/paused-jitter", "holiday");

        await().atMost(Duration.ofSeconds(10)).until(() -> "missed".equals(fate(app, "paused-jitter", scheduledAt)));
        assertThat(rows(app, "paused-jitter")).filteredOn(t -> t.scheduledAt() == scheduledAt).singleElement()
                .satisfies(t -> assertThat(t.detail()).isEqualTo("paused: holiday before its jittered fire"));
        assertThat(ticksThatRan(app)).doesNotContain(scheduledAt);
    }

    @Test
    void aJitteredTickWaitingWhenTheAppStoppedIsFiredAfterTheRestart() throws Exception {
        int port = LangGraphTestSupport.freePort();
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "ticks-jitter-restart-");
        String routes = routes("jitter-restart", "schedule: \"0/4 * * * * ?\", jitter: 3500ms, overlap: allowAll, catchUp: all", """
                - setBody:
                    constant: '{"text": "tick"}'
                - to: "langgraph:run?assistantId=echo&threadId=new"
                """);
        YamlApp first = start(null, port, data, routes);
        long scheduledAt = pendingJitteredFire(first, "jitter-restart", Duration.ofSeconds(1)).getJobDataMap()
                .getLong(TickKeys.SCHEDULED_AT);
        // the instance stops firing (as if killed), and goes: its pending fire was only in its in-memory Quartz
        quartz(first).standby();
        first.close();
        apps.remove(first);
        assertThat(ticksThatRan(first)).doesNotContain(scheduledAt);

        YamlApp second = start(null, port, data, routes);
        await().atMost(Duration.ofSeconds(20)).until(() -> ticksThatRan(second).contains(scheduledAt));
        assertThat(fate(second, "jitter-restart", scheduledAt)).isIn("caught-up", "fired");
        assertThat(second.collected("ticks")).filteredOn(m -> Instant.parse(m.getHeader(LangGraphConstants.SCHEDULED_FIRE_TIME, String.class))
                .toEpochMilli() == scheduledAt).singleElement()
                .satisfies(m -> assertThat(m.getHeader(LangGraphConstants.RUN_ID, String.class)).isNotNull());
    }
}
