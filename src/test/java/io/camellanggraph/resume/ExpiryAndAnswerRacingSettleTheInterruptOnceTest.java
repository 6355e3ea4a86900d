package io.camellanggraph.resume;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.store.AwaitingInterrupt;
import io.camellanggraph.store.AwaitingStore;
import io.camellanggraph.store.Decision;
import io.camellanggraph.store.DecisionStore;
import io.camellanggraph.store.ExpiryAction;
import io.camellanggraph.store.JdbcCallbackStore;
import io.camellanggraph.testsupport.BothDatabases;
import io.camellanggraph.testsupport.LangGraphServer;
import org.apache.camel.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An interrupt with {@code onExpiry=route} whose expiry and a person's answer race: the answer has passed its checks
 * (not expired yet, pending on the real Python server) when the resume timeout passes and an expiry pass takes the
 * interrupt. Both orders are driven step by step through the real resumer and expiry, on SQLite and PostgreSQL (each
 * side stopped at a chosen statement while the other runs): the expiry settles first, or the answer is recorded
 * between the expiry's look-up and its route. Each order ends with exactly one of "routed as expired" and "resume run
 * started", and the loser gets the right refusal or closes quietly.
 */
class ExpiryAndAnswerRacingSettleTheInterruptOnceTest extends HumanInTheLoopSupport {

    enum Order { EXPIRY_FIRST, ANSWER_FIRST }

    private static final Predicate<String> RECORD = sql -> sql.startsWith("INSERT INTO lg_decision");
    private static final Predicate<String> LOOK_UP = sql -> sql.startsWith("SELECT") && sql.contains(" FROM lg_decision ");

    private final ExecutorService person = Executors.newSingleThreadExecutor();

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.python();
    }

    @AfterEach
    void stopPerson() {
        person.shutdownNow();
    }

    static Stream<Arguments> races() {
        return BothDatabases.urls("expiry-race").flatMap(url -> Stream.of(Order.values())
                .map(order -> Arguments.of(url.startsWith("jdbc:sqlite:") ? "sqlite" : "postgresql", url, order)));
    }

    private static Object answer(InterruptResumer resumer, ResumeHandle handle) {
        try {
            return resumer.answer(handle, TextNode.valueOf("approve"), "ops@example.com");
        } catch (LangGraphResumeRefusedException e) {
            return e;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Object get(Future<Object> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("races")
    void expiryAndAnswerRacingEndWithExactlyOneOfExpiredAndResumed(String db, String url, Order order) throws Exception {
        String thread = start("approval", "race");
        Message asked = outcome(thread, 1);
        JsonNode interrupt = interrupts(asked).get(0);
        String interruptId = interrupt.path("id").asText();
        try (JdbcCallbackStore store = BothDatabases.open(url)) {
            PausingDataSource pausing = new PausingDataSource(store.dataSource());
            AwaitingStore awaiting = new AwaitingStore(pausing.dataSource());
            DecisionStore decisions = new DecisionStore(pausing.dataSource());
            long now = System.currentTimeMillis();
            awaiting.add(new AwaitingInterrupt(thread, interruptId, "approvals", asked.getHeader(LangGraphConstants.RUN_ID, String.class),
                    interrupt.path("value").toString(), now, now + 3_600_000, ExpiryAction.ROUTE, null, AwaitingInterrupt.WAITING));
            CallbackHub hub = langgraph().callbackHub();
            InterruptResumer resumer = new InterruptResumer(hub, decisions, awaiting, new ResumeHandleSigner(SECRET.getBytes()), null, 30_000);
            InterruptExpiry expiry = new InterruptExpiry(resumer, hub, awaiting, decisions, 30_000);
            ResumeHandle handle = new ResumeHandle(thread, interruptId, "approvals", 0);

            CountDownLatch checked = new CountDownLatch(1);
            CountDownLatch goOn = new CountDownLatch(1);
            // the person's answer passed its checks and is about to be recorded when the resume timeout passes
            pausing.before(RECORD, () -> {
                checked.countDown();
                await(goOn);
            });
            Future<Object> answered = person.submit(() -> answer(resumer, handle));
            await(checked);
            timeoutPasses(store.dataSource(), handle.threadId() + ":" + handle.interruptId());
            if (order == Order.EXPIRY_FIRST) {
                expiry.run();
                goOn.countDown();
            } else {
                // the expiry took the interrupt and found no decision: the answer is recorded and its run started now
                pausing.afterClose(LOOK_UP, () -> {
                    goOn.countDown();
                    get(answered);
                });
                expiry.run();
            }
            Object result = get(answered);

            Message second = outcome(thread, 2);
            boolean routedExpired = ofThread(thread).stream().anyMatch(m -> "expired".equals(m.getHeader(LangGraphConstants.RUN_STATUS)));
            boolean resumed = runsOf(thread) == 2;
            assertThat(List.of(routedExpired, resumed)).as("routed expired, resume run started").containsExactlyInAnyOrder(true, false);
            if (order == Order.EXPIRY_FIRST) {
                assertThat(second.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("expired");
                assertThat(result).isInstanceOf(LangGraphResumeRefusedException.class);
                assertThat(((LangGraphResumeRefusedException) result).getReason()).isEqualTo(LangGraphResumeRefusedException.Reason.EXPIRED);
                assertThat(decisions.find(thread, interruptId).state()).isEqualTo(Decision.CANCELLED);
                assertThat(awaiting.find(thread, interruptId).state()).isEqualTo(AwaitingInterrupt.EXPIRED);
                // an answer after the routed expiry is refused as expired too
                assertThat(answer(resumer, handle)).isInstanceOf(LangGraphResumeRefusedException.class)
                        .extracting(e -> ((LangGraphResumeRefusedException) e).getReason())
                        .isEqualTo(LangGraphResumeRefusedException.Reason.EXPIRED);
            } else {
                assertThat(second.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
                assertThat(result).isInstanceOf(Decision.class);
                assertThat(decisions.find(thread, interruptId).state()).isEqualTo(Decision.STARTED);
                assertThat(awaiting.find(thread, interruptId).state()).isEqualTo(AwaitingInterrupt.ANSWERED);
            }
        }
    }
}
