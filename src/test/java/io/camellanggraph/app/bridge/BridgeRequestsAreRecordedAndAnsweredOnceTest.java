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
 * for everyone; it is marked replied exactly once.
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
        assertThat(store.admit("jms:order-1", "jms", "queue:esb.replies", "order-1", "first")).isEqualTo(Admission.NEW);
        // the client sends it again while the first start still works on it
        assertThat(store.admit("jms:order-1", "jms", "queue:esb.replies", "order-1", "first")).isEqualTo(Admission.DUPLICATE);
        // redelivered after the first start died before its run was recorded: the next start runs it
        assertThat(store.admit("jms:order-1", "jms", "queue:esb.replies", "order-1", "second")).isEqualTo(Admission.TAKEN_OVER);
        assertThat(store.find("jms:order-1").owner()).isEqualTo("second");
        store.runStarted("jms:order-1", "run-1");
        // from now on a redelivery is a duplicate for every start
        assertThat(store.admit("jms:order-1", "jms", "queue:esb.replies", "order-1", "third")).isEqualTo(Admission.DUPLICATE);
        BridgeRequestStore.Request request = store.find("jms:order-1");
        assertThat(request.replyTo()).isEqualTo("queue:esb.replies");
        assertThat(request.correlationId()).isEqualTo("order-1");
        assertThat(request.runId()).isEqualTo("run-1");
        assertThat(request.state()).isEqualTo("accepted");

        assertThat(store.markReplied("jms:order-1", "run-1")).isTrue();
        assertThat(store.markReplied("jms:order-1", "run-1")).as("replied once").isFalse();
        assertThat(store.find("jms:order-1").state()).isEqualTo("replied");
        assertThat(store.admit("jms:order-1", "jms", "queue:esb.replies", "order-1", "fourth")).isEqualTo(Admission.DUPLICATE);
        assertThat(store.find("jms:unknown")).isNull();
        assertThat(store.markReplied("jms:unknown", null)).isFalse();
        assertThat(store.countByState()).containsEntry("replied", 1);
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
