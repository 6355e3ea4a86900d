package io.camellanggraph.fault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.cron.Schedules;
import io.camellanggraph.store.ScheduleTick;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.YamlApp;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real Python server stops (gracefully: the runs in flight are handed back to its queue, which it keeps on disk)
 * while a {@code langgraph:schedule} starts a 4 s run every 3 s whose outcomes are due, and comes back after the
 * outage, longer than its webhook retries and than many ticks. Meanwhile every tick gets its fate: {@code failed}, with
 * the reason, and no run. Afterwards no tick is without a row, and every run the server has is routed exactly once,
 * by its webhook or by reconciliation. The outage is 60 s unless {@code -Dlanggraph.test.server-outage=PT5M} (the
 * issue's five minutes: {@code mvn test -Dtest=LangGraphServerDownWhileSchedulesTickLosesNoTickAndNoOutcomeTest
 * -Dlanggraph.test.server-outage=PT5M}).
 */
class LangGraphServerDownWhileSchedulesTickLosesNoTickAndNoOutcomeTest {

    private static final Duration OUTAGE = Duration.parse(System.getProperty("langgraph.test.server-outage", "PT60S"));
    private static final long TICK_MILLIS = 3000;
    private static final String ROUTES = """
            - route:
                id: outage-ticks
                from:
                  uri: "langgraph:schedule/outage"
                  parameters: {schedule: "0/3 * * * * ?", overlap: allowAll}
                  steps:
                    - setBody:
                        constant: '{"seconds": 4}'
                    - to: "langgraph:run?assistantId=sleep&threadId=new&callback=outage"
            - route:
                from:
                  uri: "langgraph:webhook/outage"
                  steps:
                    - process:
                        ref: collect-routed
            """;

    @Test
    void everyTickIsRecordedFailedWhileTheServerIsDownAndEveryRunIsRoutedOnceAfter() throws Exception {
        try (LangGraphServer server = LangGraphServer.dedicated(LangGraphServer.Kind.PYTHON, true);
             YamlApp app = new YamlApp(server, LangGraphTestSupport.freePort(),
                     Files.createTempDirectory(Path.of("target").toAbsolutePath(), "server-down-ticks-"))) {
            app.langgraph().setReconcileAfter(2000);
            app.langgraph().setReconcileInterval(1000);
            QuartzComponent quartz = new QuartzComponent();
            quartz.setProperties(Map.of("org.quartz.scheduler.instanceName", "server-down-" + app.baseUrl().hashCode(),
                    "org.quartz.threadPool.threadCount", "4"));
            app.context().addComponent("quartz", quartz);
            app.routes(ROUTES).start();

            // stopped while runs of earlier ticks run: one of them taken by the server's worker (a 4 s sleep) right now
            LangGraphClient client = app.langgraph().serverClient(app.langgraph().getConfiguration());
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                List<ScheduleTick> started = ticks(app).stream().filter(t -> t.runId() != null).toList();
                return started.size() >= 2 && started.stream()
                        .anyMatch(t -> "running".equals(client.getRun(t.threadId(), t.runId()).status()));
            });
            server.stop();
            long down = System.currentTimeMillis();
            assertThat(server.log()).as("runs in flight handed back to the server's queue").contains("will retry");
            await().during(OUTAGE).atMost(OUTAGE.plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ticks(app).stream().noneMatch(t -> t.scheduledAt() > down && t.runId() != null));
            long restarting = System.currentTimeMillis();
            server.start();

            // each tick while the server was down: failed, with the reason, and no run
            List<Long> during = LongStream.rangeClosed(down / TICK_MILLIS + 1, (restarting - 1) / TICK_MILLIS)
                    .map(n -> n * TICK_MILLIS).boxed().toList();
            assertThat(during).hasSizeGreaterThanOrEqualTo((int) (OUTAGE.toMillis() / TICK_MILLIS) - 1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ticks(app))
                    .filteredOn(t -> during.contains(t.scheduledAt())).hasSameSizeAs(during).allSatisfy(t -> {
                        assertThat(String.valueOf(t.fate())).as("fate of the tick at %s", Instant.ofEpochMilli(t.scheduledAt()))
                                .isEqualTo("failed");
                        assertThat(t.detail()).contains("Unreachable");
                        assertThat(t.runId()).isNull();
                    }));

            // afterwards (the schedule stopped once it started a run again) every run the server has is routed once:
            // those it was running when it stopped, and the new ones
            await().atMost(Duration.ofSeconds(20)).until(() -> ticks(app).stream().anyMatch(t -> t.scheduledAt() > restarting && t.runId() != null));
            app.context().getRouteController().stopRoute("outage-ticks");
            Set<String> startedBefore = ticks(app).stream().filter(t -> t.scheduledAt() <= down && t.runId() != null)
                    .map(ScheduleTick::runId).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(routed(app).keySet())
                    .as("routed; counters %s", app.langgraph().callbackHub().counters().snapshot())
                    .containsAll(startedBefore).containsExactlyInAnyOrderElementsOf(runs(client)));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> routed(app).values().stream().allMatch(times -> times == 1));
            assertThat(runs(client)).hasSizeGreaterThan(startedBefore.size());

            // no tick without its row, from the first to the newest
            List<Long> recorded = ticks(app).stream().map(ScheduleTick::scheduledAt).sorted().toList();
            assertThat(recorded).containsAll(LongStream.iterate(recorded.get(0), at -> at <= recorded.get(recorded.size() - 1),
                    at -> at + TICK_MILLIS).boxed().toList());
            System.err.printf("[%s] outage %s: %d ticks failed, %d runs on the server (%d started before the stop), each routed once%n",
                    getClass().getSimpleName(), OUTAGE, during.size(), routed(app).size(), startedBefore.size());
        }
    }

    private static List<ScheduleTick> ticks(YamlApp app) {
        Schedules schedules = app.context().hasService(Schedules.class);
        return schedules.store().last("outage", 1000);
    }

    /** Deliveries per run id. */
    private static Map<String, Long> routed(YamlApp app) {
        return app.collected("routed").stream().map(m -> m.getHeader(LangGraphConstants.RUN_ID, String.class))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** Ids of the runs on the (dedicated) server. */
    private static List<String> runs(LangGraphClient client) {
        List<String> runs = new ArrayList<>();
        for (JsonNode thread : client.searchThreads(new ObjectMapper().createObjectNode().put("limit", 1000))) {
            client.listRuns(thread.path("thread_id").asText(), 10).forEach(run -> runs.add(run.runId()));
        }
        return runs;
    }
}
