package io.camellanggraph.fault;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.callback.Claim;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.client.Run;
import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.component.LangGraphRunNotRecordedException;
import io.camellanggraph.store.StoreLocation;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.SmallDisk;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded SQLite store's disk (a small tmpfs under the data directory) fills while runs are started and
 * webhooks arrive. Runs started meanwhile fail with a clear error before the server is asked to create them; the
 * webhooks of runs started before are answered 503 (none acknowledged while nothing can be written) until the server
 * gives up on them. Once space is back, every run the server has is routed exactly once, and the app goes on.
 */
class FullDiskWhileRunsStartRoutesEveryRunOnceTest extends LangGraphTestSupport {

    private static final int RUNS_BEFORE = 3;
    private static final int RUNS_REFUSED = 5;
    private static final int MAX_STARTS = 300;

    private final String marker = UUID.randomUUID().toString();
    private final Map<String, Integer> routed = new ConcurrentHashMap<>();
    private SmallDisk disk;

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.python();
    }

    @Override
    protected void configure(LangGraphComponent langgraph) {
        try {
            disk = SmallDisk.mount(dataDir, 16);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        langgraph.setReconcileAfter(2000);
        langgraph.setReconcileInterval(500);
    }

    @AfterEach
    void unmount() throws Exception {
        // the store's files must be closed first (the Camel extension would stop the context only after this)
        context.stop();
        if (disk != null) {
            disk.close();
        }
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("langgraph:webhook").process(e -> routed.merge(
                        e.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class), 1, Integer::sum));
            }
        };
    }

    @Test
    void everyRunTheServerHasIsRoutedOnceAfterSpaceIsBack() throws Exception {
        CallbackHub hub = langgraph().callbackHub();
        for (int i = 0; i < RUNS_BEFORE; i++) {
            // their webhooks come while the disk is full
            assertThat(start("sleep", "{\"seconds\": 2}").getException()).isNull();
        }
        disk.fill();
        // what fits in the pages SQLite has already is still written; runs are started until the store refuses them
        List<Exception> refused = new ArrayList<>();
        for (int i = 0; i < MAX_STARTS && refused.size() < RUNS_REFUSED; i++) {
            Exception failed = start("echo", "{\"text\": \"full\"}").getException();
            if (failed != null) {
                refused.add(failed);
            }
        }
        assertThat(refused).hasSize(RUNS_REFUSED).allSatisfy(e -> assertThat(e).isInstanceOf(LangGraphRunNotRecordedException.class));
        long databaseWhenFull = Files.size(dataDir.resolve(StoreLocation.EMBEDDED_FILE));
        // the server has called back every run it has: acknowledged only when recorded, else given up after its tries
        await().atMost(Duration.ofSeconds(60)).until(() -> serverRuns().stream().allMatch(run -> calledBack(hub, run)));
        assertThat(hub.counters().get("refused.store")).isPositive();
        disk.free();

        assertThat(start("echo", "{\"text\": \"space is back\"}").getException()).isNull();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(routed.keySet())
                .as("routed; counters %s", hub.counters().snapshot()).isEqualTo(runIds(serverRuns())));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> routed.values().stream().allMatch(times -> times == 1) && routed.keySet().equals(runIds(serverRuns())));
        assertThat(hub.store().countPendingRuns()).isZero();
        // the write-ahead log is moved into the database file again
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.size(dataDir.resolve(StoreLocation.EMBEDDED_FILE)) > databaseWhenFull);
        assertThat(context.isStarted()).isTrue();
    }

    private boolean calledBack(CallbackHub hub, Run run) {
        String cid = run.metadata(CallbackHub.CORRELATION_METADATA);
        return hub.store().state(Claim.key(run.runId(), cid)) != null || server().log().lines()
                .anyMatch(line -> line.contains("failed to call webhook") && line.contains(cid));
    }

    private Exchange start(String assistant, String input) {
        // each run on a thread of its own, which carries the run's metadata and is kept after routing
        return template.request("langgraph:run?threadId=new&assistantId=" + assistant, e -> {
            e.getMessage().setBody(input);
            e.getMessage().setHeader(LangGraphConstants.METADATA, "{\"full_disk_test\": \"" + marker + "\"}");
        });
    }

    /** The runs the server has from this test: each on the thread it created, which carries the run's metadata. */
    private List<Run> serverRuns() {
        LangGraphClient client = langgraph().serverClient(langgraph().getConfiguration());
        ObjectNode query = new ObjectMapper().createObjectNode().put("limit", 100);
        query.putObject("metadata").put("full_disk_test", marker);
        List<Run> runs = new ArrayList<>();
        for (JsonNode thread : client.searchThreads(query)) {
            runs.addAll(client.listRuns(thread.path("thread_id").asText(), 10));
        }
        return runs;
    }

    private static Set<String> runIds(List<Run> runs) {
        return runs.stream().map(Run::runId).collect(Collectors.toSet());
    }
}
