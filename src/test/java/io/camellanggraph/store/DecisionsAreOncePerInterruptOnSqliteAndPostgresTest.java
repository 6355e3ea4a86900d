package io.camellanggraph.store;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.camellanggraph.testsupport.BothDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision and awaiting-input tables on both databases the project supports: one decision per interrupt (a second
 * insert loses, also a cancel after an answer), an abandoned decision taken over by one instance only, an expiry taken
 * once, and a superseded interrupt closed.
 */
class DecisionsAreOncePerInterruptOnSqliteAndPostgresTest {

    static Stream<String> databases() {
        return BothDatabases.urls("decisions");
    }

    private static JdbcCallbackStore open(String url) {
        return BothDatabases.open(url);
    }

    private static Decision decision(String thread, String interrupt, String answer) {
        return new Decision(thread, interrupt, "approvals", answer, "tester", System.currentTimeMillis(),
                UUID.randomUUID().toString(), Decision.STARTING, null, null);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void secondAnswerLosesAndAnAbandonedDecisionIsTakenOverOnce(String url) {
        try (JdbcCallbackStore store = open(url)) {
            DecisionStore decisions = new DecisionStore(store.dataSource());
            String thread = UUID.randomUUID().toString();
            long now = System.currentTimeMillis();
            assertThat(decisions.record(decision(thread, "i1", "\"approve\""), "a", now + 30_000)).isTrue();
            assertThat(decisions.record(decision(thread, "i1", "\"reject\""), "b", now + 30_000)).isFalse();
            assertThat(decisions.cancel(decision(thread, "i1", "null"))).isFalse();
            assertThat(decisions.find(thread, "i1").answer()).isEqualTo("\"approve\"");

            // left by a dead instance: its lease ran out
            assertThat(decisions.record(decision(thread, "i2", "\"approve\""), "dead", now - 1)).isTrue();
            assertThat(decisions.abandoned(now, 10)).extracting(Decision::interruptId).containsExactly("i2");
            assertThat(decisions.takeOver(thread + ":i2", "a", now, now + 30_000)).isTrue();
            assertThat(decisions.takeOver(thread + ":i2", "b", now, now + 30_000)).isFalse();
            decisions.markStarted(thread + ":i2", "run-2");
            assertThat(decisions.find(thread, "i2").state()).isEqualTo(Decision.STARTED);
            assertThat(decisions.find(thread, "i2").runId()).isEqualTo("run-2");
            assertThat(decisions.abandoned(now + 60_000, 10)).extracting(Decision::interruptId).containsExactly("i1");

            decisions.withdraw(thread + ":i1");
            assertThat(decisions.find(thread, "i1")).isNull();
            assertThat(decisions.cancel(decision(thread, "i1", "null"))).isTrue();
            assertThat(decisions.find(thread, "i1").state()).isEqualTo(Decision.CANCELLED);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void expiryIsTakenOnceAndSupersededInterruptsClose(String url) {
        try (JdbcCallbackStore store = open(url)) {
            AwaitingStore awaiting = new AwaitingStore(store.dataSource());
            String thread = UUID.randomUUID().toString();
            long now = System.currentTimeMillis();
            AwaitingInterrupt due = new AwaitingInterrupt(thread, "i1", "approvals", "run-1", "{\"question\":\"Approve?\"}", now - 5000,
                    now - 1, ExpiryAction.ROUTE, null, AwaitingInterrupt.WAITING);
            awaiting.add(due);
            awaiting.add(due);
            awaiting.add(new AwaitingInterrupt(thread, "i2", "approvals", "run-1", "{}", now - 5000, 0, ExpiryAction.ROUTE, null,
                    AwaitingInterrupt.WAITING));
            assertThat(awaiting.waiting(10)).hasSize(2);
            assertThat(awaiting.due(now, 10)).extracting(AwaitingInterrupt::interruptId).containsExactly("i1");
            assertThat(awaiting.take(due.key(), now, now + 30_000)).isTrue();
            assertThat(awaiting.take(due.key(), now, now + 30_000)).as("once in a cluster").isFalse();
            assertThat(awaiting.due(now, 10)).isEmpty();
            assertThat(awaiting.due(now + 60_000, 10)).as("its taker died: taken over").hasSize(1);
            awaiting.close(due.key(), AwaitingInterrupt.EXPIRED);
            assertThat(awaiting.due(now + 60_000, 10)).isEmpty();

            awaiting.supersede(thread, List.of());
            assertThat(awaiting.waiting(10)).isEmpty();
            assertThat(awaiting.find(thread, "i2").state()).isEqualTo(AwaitingInterrupt.GONE);
            assertThat(awaiting.ofRun("run-1")).hasSize(2);
        }
    }
}
