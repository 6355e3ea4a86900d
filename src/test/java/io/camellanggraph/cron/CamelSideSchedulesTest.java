package io.camellanggraph.cron;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.YamlApp;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.listeners.TriggerListenerSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Camel-side crons: the {@code langgraph-schedule-source} Kamelet (Quartz inside the app) from YAML against the real
 * Python server, its defaults (missed ticks skipped, no overlapping runs), and the documented YAML pattern.
 */
class CamelSideSchedulesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final LangGraphServer server = LangGraphServer.python();
    private final Ticks ticks = new Ticks();
    private YamlApp app;

    @AfterEach
    void stopTheApp() {
        if (app != null) {
            app.close();
        }
    }

    /**
     * A schedule as the app's YAML routes write it: {@code langgraph:schedule} ticking, {@code langgraph:run} starting
     * the run (the Kamelet langgraph-schedule-source wraps the same two; camel-kamelet is not served at Camel 4.22).
     * {@code parameters}: {@code key: value} lines; schedule and misfireInstruction go to the schedule, assistantId and
     * input to the run.
     */
    private static String scheduleRoute(String name, String parameters) {
        java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
        parameters.lines().map(String::strip).filter(l -> l.contains(": "))
                .forEach(l -> p.put(l.substring(0, l.indexOf(": ")), l.substring(l.indexOf(": ") + 2)));
        String misfire = p.containsKey("misfireInstruction")
                ? "\n        trigger.misfireInstruction: " + p.get("misfireInstruction") : "";
        return """
            - route:
                id: %1$s-started
                from:
                  uri: "langgraph:schedule/%1$s"
                  parameters:
                    schedule: %2$s%3$s
                  steps:
                    - setBody:
                        constant: %4$s
                    - to: "langgraph:run?assistantId=%5$s&callback=%1$s"
                    # as the Kamelet does: Quartz's objects stay in the schedule's route
                    - removeHeaders:
                        pattern: "calendar|jobDetail|jobInstance|jobRunTime|mergedJobDataMap|refireCount|result|scheduler|trigger"
                    - process:
                        ref: collect-started
            - route:
                from:
                  uri: "langgraph:webhook/%1$s"
                  steps:
                    - process:
                        ref: collect-outcomes
            """.formatted(name, p.get("schedule"), misfire, p.getOrDefault("input", "'{}'"), p.get("assistantId"));
    }

    /** Starts the routes with a Quartz scheduler whose misfire threshold is 1 s (Quartz's default: 60 s). */
    private YamlApp start(String yaml) throws Exception {
        app = new YamlApp(server);
        QuartzComponent quartz = new QuartzComponent();
        quartz.setProperties(Map.of("org.quartz.scheduler.instanceName", "schedules-test",
                "org.quartz.threadPool.threadCount", "2",
                "org.quartz.jobStore.misfireThreshold", "1000"));
        app.context().addComponent("quartz", quartz);
        app.routes(yaml).start();
        quartz.getScheduler().getListenerManager().addTriggerListener(ticks);
        return app;
    }

    private static JsonNode json(Message message) throws Exception {
        return MAPPER.readTree(message.getBody(String.class));
    }

    @Test
    void scheduleKameletStartsRunsWhoseOutcomesArriveAtTheCallback() throws Exception {
        start(scheduleRoute("every-two-seconds", """
                schedule: "0/2 * * * * ?"
                assistantId: echo
                input: '{"text": "tick"}'
                """));

        List<Message> outcomes = await().atMost(Duration.ofSeconds(30))
                .until(() -> app.collected("outcomes"), list -> list.size() >= 2);
        List<Message> started = app.collected("started");
        assertThat(started).hasSizeGreaterThanOrEqualTo(2);
        for (Message outcome : outcomes.subList(0, 2)) {
            assertThat(outcome.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
            assertThat(outcome.getHeader(LangGraphConstants.CALLBACK)).isEqualTo("every-two-seconds");
            assertThat(json(outcome).path("values").path("upper").asText()).isEqualTo("TICK");
        }
        // what the source emits is the run as started: run and thread in headers, the tick's fire time, no Quartz objects
        Message first = started.get(0);
        assertThat(json(first).path("status").asText()).isIn("pending", "running");
        assertThat(first.getHeader("scheduledFireTime", Date.class)).isNotNull();
        assertThat(first.getHeaders()).doesNotContainKeys("jobDetail", "scheduler", "trigger");
        assertThat(outcomes).extracting(m -> m.getHeader(LangGraphConstants.RUN_ID))
                .isSubsetOf(started.stream().map(m -> m.getHeader(LangGraphConstants.RUN_ID)).toList());
        // every tick on the grid of the schedule (even seconds), one run per tick
        assertThat(ticks.fired).allSatisfy(t -> assertThat(t.scheduled().toEpochMilli() % 2000).isZero());
    }

    @Test
    void aTickIsSkippedWhileThePreviousTicksRunStillRunsSoRunsNeverOverlap() throws Exception {
        // a tick every second, each run sleeps 2.5 s: without the guard runs would pile up
        start(scheduleRoute("slow-runs", """
                schedule: "* * * * * ?"
                assistantId: sleep
                input: '{"seconds": 2.5}'
                """));

        List<Message> outcomes = await().atMost(Duration.ofSeconds(40))
                .until(() -> app.collected("outcomes"), list -> list.size() >= 3);
        List<JsonNode> runs = outcomes.stream().map(m -> {
            try {
                return json(m);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).sorted(Comparator.comparing(r -> Instant.parse(r.path("created_at").asText()))).toList();
        for (int i = 1; i < runs.size(); i++) {
            Instant previousEnded = Instant.parse(runs.get(i - 1).path("run_ended_at").asText());
            Instant created = Instant.parse(runs.get(i).path("created_at").asText());
            assertThat(created).as("run %d created after run %d ended", i, i - 1).isAfterOrEqualTo(previousEnded);
        }
        // the ticks in between fired and were skipped, not queued
        int started = app.collected("started").size();
        assertThat(ticks.fired.size()).isGreaterThan(started + 2);
    }

    @Test
    void missedTicksAreSkippedByDefault() throws Exception {
        start(scheduleRoute("paused", """
                schedule: "* * * * * ?"
                assistantId: echo
                """));
        Gap gap = pauseTheScheduler();

        // Quartz saw the ticks of the pause as misfires and, told to do nothing, fired none of them afterwards
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks.firedAfter(gap.resumed).size() >= 2);
        assertThat(ticks.misfires.get()).isPositive();
        assertThat(ticks.firedBetween(gap.paused.plusMillis(1100), gap.resumed)).isEmpty();
        // ... and did not fire one of them at once either: every tick after the pause is on the schedule's grid
        assertThat(ticks.firedAfter(gap.resumed)).allSatisfy(t -> assertThat(t.scheduled().toEpochMilli() % 1000).isZero());
    }

    @Test
    void misfireInstructionOneFiresOneMissedTickAtOnceInstead() throws Exception {
        start(scheduleRoute("paused-fire-once", """
                schedule: "* * * * * ?"
                assistantId: echo
                misfireInstruction: 1
                """));
        Gap gap = pauseTheScheduler();

        await().atMost(Duration.ofSeconds(10)).until(() -> ticks.firedAfter(gap.resumed).size() >= 2);
        List<Tick> after = ticks.firedAfter(gap.resumed);
        // the first tick after the pause was scheduled "now", when Quartz handled the misfire (not on the next second);
        // then the schedule goes on on its grid, and nothing of the pause is replayed
        // the misfire Quartz handled when the scheduler came back (a busy machine may have misfired a tick before the pause)
        Instant misfire = ticks.misfiredAt.stream().filter(m -> !m.isBefore(gap.resumed)).findFirst()
                .orElseThrow(() -> new AssertionError("no misfire after the pause; " + gap.describe(ticks)));
        Instant nextSecondAfterMisfire = misfire.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        assertThat(after.get(0).scheduled()).as("first tick after the pause; %s", gap.describe(ticks)).isBefore(nextSecondAfterMisfire);
        assertThat(after.subList(1, after.size())).allSatisfy(t -> assertThat(t.scheduled().toEpochMilli() % 1000).isZero());
        assertThat(ticks.firedBetween(gap.paused.plusMillis(1100), gap.resumed)).isEmpty();
    }

    private record Gap(Instant paused, Instant resumed) {
        String describe(Ticks ticks) {
            return "paused " + paused + ", resumed " + resumed + ", misfires " + ticks.misfires + ", ticks " + ticks.fired;
        }
    }

    /** Puts the scheduler in standby for 3 s (no tick fires meanwhile), then starts it again. */
    private Gap pauseTheScheduler() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks.fired.size() >= 2);
        Scheduler scheduler = app.context().getComponent("quartz", QuartzComponent.class).getScheduler();
        // Quartz's times are in milliseconds
        Instant paused = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        scheduler.standby();
        // a trigger acquired just before the standby may still fire at the next second; none after it
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                .until(() -> ticks.firedAfter(paused.plusMillis(1100)).isEmpty());
        Instant resumed = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        scheduler.start();
        return new Gap(paused, resumed);
    }

    @Test
    void unixSchedulesBecomeQuartzThroughThePropertyFunction() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            assertThat(context.resolvePropertyPlaceholders("{{langgraph-cron:0 9 * * 1-5}}")).isEqualTo("0 0 9 ? * MON-FRI");
            assertThat(context.resolvePropertyPlaceholders("{{langgraph-cron:*/15 8-18 * * 0,6}}")).isEqualTo("0 */15 8-18 ? * SUN,SAT");
            // '+' for a space, as camel-quartz reads it in URIs (kamelet:langgraph-schedule-source?schedule=0+9+*+*+1-5)
            assertThat(context.resolvePropertyPlaceholders("{{langgraph-cron:0+9+*+*+1-5}}")).isEqualTo("0 0 9 ? * MON-FRI");
            // Quartz expressions pass through unchanged
            assertThat(context.resolvePropertyPlaceholders("{{langgraph-cron:0/2 * * * * ?}}")).isEqualTo("0/2 * * * * ?");
        }
    }

    @Test
    void documentedPatternsLoadAndStart() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("docs/patterns"))) {
            files = list.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("camel-side-schedule.camel.yaml");
        for (Path file : files) {
            try (YamlApp pattern = new YamlApp(server)) {
                pattern.property("app.out-dir", Files.createTempDirectory(Path.of("target").toAbsolutePath(), "patterns-").toString());
                pattern.routes(file).start();
                assertThat(pattern.context().getRoutes()).as(file.toString()).isNotEmpty()
                        .allSatisfy(r -> assertThat(pattern.context().getRouteController().getRouteStatus(r.getRouteId()).isStarted()).isTrue());
                if (file.getFileName().toString().equals("camel-side-schedule.camel.yaml")) {
                    assertScheduleTriggers(pattern.context());
                }
            }
        }
    }

    /** The pattern's Unix schedules reached Quartz converted, in their time zones, with missed ticks skipped. */
    private static void assertScheduleTriggers(CamelContext context) throws Exception {
        Scheduler scheduler = context.getComponent("quartz", QuartzComponent.class).getScheduler();
        Map<String, CronTrigger> triggers = new java.util.TreeMap<>();
        for (org.apache.camel.Endpoint endpoint : context.getEndpoints()) {
            if (endpoint instanceof QuartzEndpoint quartz) {
                triggers.put(quartz.getTriggerKey().getName(), (CronTrigger) scheduler.getTrigger(quartz.getTriggerKey()));
            }
        }
        assertThat(triggers).containsOnlyKeys("weekday-report", "hourly-digest");
        CronTrigger weekdays = triggers.get("weekday-report");
        assertThat(weekdays.getCronExpression()).isEqualTo("0 0 9 ? * MON-FRI");
        assertThat(weekdays.getTimeZone().getID()).isEqualTo("Europe/Berlin");
        assertThat(weekdays.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
        assertThat(weekdays.getNextFireTime().toInstant().atZone(java.time.ZoneId.of("Europe/Berlin")))
                .satisfies(next -> assertThat(next.getHour()).isEqualTo(9))
                .satisfies(next -> assertThat(next.getDayOfWeek().getValue()).isBetween(1, 5));
        CronTrigger hourly = triggers.get("hourly-digest");
        assertThat(hourly.getCronExpression()).isEqualTo("0 30 * * * ?");
        assertThat(hourly.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
    }

    /** A tick: when Quartz meant it to fire, and when it did. */
    record Tick(Instant scheduled, Instant fired) {
    }

    /** Quartz's own account of the ticks: every fire with its scheduled time, and the misfires. */
    static final class Ticks extends TriggerListenerSupport {
        final List<Tick> fired = new CopyOnWriteArrayList<>();
        final AtomicInteger misfires = new AtomicInteger();
        final List<Instant> misfiredAt = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "ticks";
        }

        @Override
        public void triggerFired(Trigger trigger, JobExecutionContext context) {
            fired.add(new Tick(context.getScheduledFireTime().toInstant(), context.getFireTime().toInstant()));
        }

        @Override
        public void triggerMisfired(Trigger trigger) {
            misfiredAt.add(Instant.now());
            misfires.incrementAndGet();
        }

        List<Tick> firedAfter(Instant instant) {
            return fired.stream().filter(t -> !t.scheduled().isBefore(instant)).toList();
        }

        List<Tick> firedBetween(Instant from, Instant to) {
            return fired.stream().filter(t -> !t.scheduled().isBefore(from) && t.scheduled().isBefore(to)).toList();
        }
    }
}
