package io.camellanggraph.app.bridge;

import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.camellanggraph.app.bridge.BridgeRequestStore.Admission;
import io.camellanggraph.testsupport.PostgresServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge's request table on both databases the project supports: a request is recorded once with its reply
 * destination and correlation id; the same request again is a duplicate, except when the instance that recorded it
 * died before its run was known (another start takes it over); once the run is recorded, a redelivery is a duplicate
 * for everyone; it is marked replied exactly once, with the reply a duplicate gets. Past the window a request is new
 * again, and expired rows are pruned in batches, except those whose run still owes its reply.
 */
class BridgeRequestsAreRecordedAndAnsweredOnceTest {

    @Test
    @Tag("fast")
    void onSqlite() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bridge-store-");
        try (HikariDataSource dataSource = dataSource("jdbc:sqlite:" + dir.resolve("outputs.db"), null, null)) {
            scenario(new BridgeRequestStore(dataSource));
        }
    }

    @Test
    void onPostgres() {
        String url = PostgresServer.shared().newDatabase("bridge");
        try (HikariDataSource dataSource = dataSource(url, PostgresServer.USER, PostgresServer.PASSWORD)) {
            scenario(new BridgeRequestStore(dataSource));
            // a second instance on the same database creates nothing twice
            new BridgeRequestStore(dataSource);
        }
    }

    private static void scenario(BridgeRequestStore store) {
        assertThat(admit(store, "first", T0)).isEqualTo(Admission.NEW);
        // the client sends it again while the first start still works on it
        assertThat(admit(store, "first", T0 + 1)).isEqualTo(Admission.DUPLICATE);
        // redelivered after the first start died before its run was recorded: the next start takes it over
        assertThat(admit(store, "second", T0 + 2)).isEqualTo(Admission.TAKEN_OVER);
        assertThat(store.find(ID).owner()).isEqualTo("second");
        assertThat(store.find(ID).receivedAt()).as("the same admission").isEqualTo(T0);
        store.runStarted(ID, "run-1");
        // from now on a redelivery is a duplicate for every start
        assertThat(admit(store, "third", T0 + 3)).isEqualTo(Admission.DUPLICATE);
        BridgeRequestStore.Request request = store.find(ID);
        assertThat(request.replyTo()).isEqualTo("queue:esb.replies");
        assertThat(request.correlationId()).isEqualTo("order-1");
        assertThat(request.runId()).isEqualTo("run-1");
        assertThat(request.state()).isEqualTo("accepted");

        assertThat(store.markReplied(ID, "run-1", "{\"status\": \"success\"}", "{\"CamelLangGraphRunId\": \"run-1\"}")).isTrue();
        assertThat(store.markReplied(ID, "run-1", "other", "{}")).as("replied once").isFalse();
        assertThat(store.find(ID).replied()).isTrue();
        assertThat(store.find(ID).replyBody()).as("the reply as first sent").isEqualTo("{\"status\": \"success\"}");
        BridgeRequestStore.Admitted again = store.admit(ID, "jms", "queue:esb.replies", "order-1", "fourth", T0 + 4, T0 - WINDOW + 4);
        assertThat(again.admission()).isEqualTo(Admission.DUPLICATE);
        assertThat(again.request().replyHeaders()).contains("run-1");
        assertThat(store.find("jms:unknown")).isNull();
        assertThat(store.markReplied("jms:unknown", null, null, null)).isFalse();
        assertThat(store.countByState()).containsEntry("replied", 1);

        // a row past the window is not pruned early, then pruned in batches; a request whose run still owes its reply
        // stays; one that never got a run goes
        store.admit("jms:running", "jms", "queue:esb.replies", "2", "first", T0, 0);
        store.runStarted("jms:running", "run-2");
        store.admit("jms:never-started", "jms", "queue:esb.replies", "3", "first", T0, 0);
        assertThat(store.prune(T0, 10)).isZero();
        assertThat(store.prune(T0 + 1, 1)).isEqualTo(1);
        assertThat(store.prune(T0 + 1, 10)).isEqualTo(1);
        assertThat(store.find(ID)).isNull();
        assertThat(store.find("jms:never-started")).isNull();
        assertThat(store.find("jms:running").runId()).isEqualTo("run-2");

        // the same id after the window is a new request: a new admission, nothing of the old one
        assertThat(store.admit("jms:running", "jms", "queue:esb.replies", "2", "fifth", T0 + WINDOW + 1, T0 + 1).admission())
                .isEqualTo(Admission.NEW);
        BridgeRequestStore.Request renewed = store.find("jms:running");
        assertThat(renewed.receivedAt()).isEqualTo(T0 + WINDOW + 1);
        assertThat(renewed.runId()).isNull();
        assertThat(renewed.owner()).isEqualTo("fifth");
    }

    private static final String ID = "jms:order-1";
    private static final long T0 = 1_000_000L;
    private static final long WINDOW = 86_400_000L;

    private static Admission admit(BridgeRequestStore store, String owner, long now) {
        return store.admit(ID, "jms", "queue:esb.replies", "order-1", owner, now, now - WINDOW).admission();
    }

    private static HikariDataSource dataSource(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(1);
        return new HikariDataSource(config);
    }
}
