package io.camellanggraph.outputs;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.ActiveMqClassic;
import io.camellanggraph.testsupport.BridgeRows;
import io.camellanggraph.testsupport.LangGraphServer;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.camel.Exchange;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The external broker dies while outcomes flow to it: ActiveMQ Classic, reached over AMQP 1.0 by {@code jms.url}, is
 * killed with SIGKILL while runs end and the shipped results route sends their outcomes to its
 * {@code langgraph.results}, and while requests taken by the request-reply bridge still run. The failing sends are
 * retried (the shipped policy with shorter steps: 0.5 s doubling up to 4 s, 30 tries, about 110 s in all; the dispatch
 * threads wait in the retries, the other outcomes wait in the inbox). The broker stays down until an outcome has been
 * retried six times (15.5 s of waiting, longer than all 30 tries would take without their waits), then comes back on
 * the same port and data: every outcome is on the queue, none is dead-lettered, and every bridged request is answered;
 * a send the broker stored but did not acknowledge before it died may be there twice, with the same keys (Classic does
 * not drop a duplicate by its duplicate id, as the embedded Artemis does). The minute-long outage proves nothing more: what holds is that an outage shorter
 * than the redelivery schedule (by default 6 tries over about 63 s) loses nothing.
 */
class ExternalBrokerKilledWhileOutcomesFlowLosesNoneTest {

    private static final int RUNS_BEFORE = 10;
    private static final int RUNS_DURING = 20;
    private static final int BRIDGED = 3;
    /** Retries an outcome has waited through before the broker comes back: 0.5 + 1 + 2 + 4 + 4 + 4 s. */
    private static final int RETRIES_BEFORE_RETURN = 6;

    /** Run id -> sends of its outcome to langgraph.results that went through. */
    private final Map<String, Integer> sent = new ConcurrentHashMap<>();
    /** Run id -> the latest redelivery attempt of its outcome or bridge reply. */
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    @Test
    void everyOutcomeIsOnTheQueueOnceAndEveryBridgedRequestAnsweredOnceAfterTheBrokerReturns() throws Exception {
        try (ActiveMqClassic classic = ActiveMqClassic.dedicated();
             AppOnActiveMqClassic app = new AppOnActiveMqClassic(classic, Map.of(
                     "outputs.redelivery.delay", "500",
                     "outputs.redelivery.backoff-multiplier", "2",
                     "outputs.redelivery.maximum-delay", "4000",
                     "outputs.redelivery.maximum", "30"), new Counting())) {
            JmsConnectionFactory client = new JmsConnectionFactory(ActiveMqClassic.USER, ActiveMqClassic.PASSWORD, classic.amqpUrl());
            String replyQueue = "outage.replies." + UUID.randomUUID();
            List<String> requests = new ArrayList<>();
            try (Connection connection = client.createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue("langgraph.requests"));
                for (int i = 0; i < BRIDGED; i++) {
                    // runs of a few seconds: they end while the broker is down, so their replies wait for it
                    TextMessage request = session.createTextMessage("{\"seconds\": 3}");
                    request.setStringProperty(LangGraphConstants.ASSISTANT_ID, "sleep");
                    request.setJMSReplyTo(session.createQueue(replyQueue));
                    request.setJMSCorrelationID("outage-" + i + "-" + UUID.randomUUID());
                    producer.send(request);
                    requests.add(request.getJMSCorrelationID());
                }
            }
            List<String> runs = new ArrayList<>();
            for (int i = 0; i < RUNS_BEFORE; i++) {
                runs.add(startRun(app, "before " + i));
            }
            // outcomes are on the queue, and the bridge has recorded every request and started its run
            await().atMost(Duration.ofSeconds(60)).until(() -> sent.size() >= 5
                    && requests.stream().allMatch(r -> BridgeRows.columnByCorrelation(app.dataDir(), r, "run_id") != null));
            List<String> bridgedRuns = requests.stream().map(r -> BridgeRows.columnByCorrelation(app.dataDir(), r, "run_id")).toList();
            classic.kill();

            for (int i = 0; i < RUNS_DURING; i++) {
                runs.add(startRun(app, "during " + i));
            }
            // down until outcomes have been retried a while (none was dead-lettered meanwhile: checked below)
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> attempts.values().stream().anyMatch(a -> a >= RETRIES_BEFORE_RETURN)
                            && bridgedRunsEnded(app, bridgedRuns));
            int sentBeforeTheReturn = sent.size();
            classic.start();

            try (Connection connection = client.createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                List<String> onTheQueue = drain(session.createConsumer(session.createQueue("langgraph.results")),
                        LangGraphConstants.RUN_ID, runs.size());
                // at least once: a send the broker stored but could not acknowledge before it died is sent again, and
                // ActiveMQ Classic has no duplicate detection by the message's duplicate id (Artemis has): such a copy
                // carries the same run id and idempotency key, for the consumer to drop
                assertThat(counts(onTheQueue)).as("outcomes on langgraph.results").containsOnlyKeys(runs)
                        .allSatisfy((run, n) -> assertThat(n).as(run).isBetween(1L, 2L));

                List<String> replies = drain(session.createConsumer(session.createQueue(replyQueue)), "JMSCorrelationID", BRIDGED);
                assertThat(counts(replies)).as("replies").containsOnlyKeys(requests)
                        .allSatisfy((request, n) -> assertThat(n).as(request).isBetween(1L, 2L));

                assertThat(session.createConsumer(session.createQueue("langgraph.dlq")).receive(1_000)).as("dead letter queue").isNull();
            }
            assertThat(app.outDir().resolve("dead-letter")).as("dead-letter folder").satisfiesAnyOf(
                    dir -> assertThat(Files.exists(dir)).isFalse(), dir -> assertThat(dir).isEmptyDirectory());
            assertThat(sentBeforeTheReturn).as("outcomes on the queue before the broker came back").isLessThan(runs.size());
            System.err.printf("[%s] %d outcomes, %d on the queue before the kill; retries per run: %s%n", getClass().getSimpleName(),
                    runs.size(), sentBeforeTheReturn, attempts);
        }
    }

    /** Whether the bridged runs have ended on the server (their outcomes and replies wait for the broker). */
    private static boolean bridgedRunsEnded(AppOnActiveMqClassic app, List<String> runs) throws Exception {
        for (String run : runs) {
            if (!"success".equals(BridgeRows.runStatus(app.dataDir(), LangGraphServer.python().url(), run))) {
                return false;
            }
        }
        return true;
    }

    private static String startRun(AppOnActiveMqClassic app, String text) throws Exception {
        return app.main().getCamelTemplate().request("langgraph:run?assistantId=echo&threadId=new&callback=results",
                e -> e.getMessage().setBody("{\"text\": \"" + text + "\"}")).getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);
    }

    /**
     * Every message on the queue: waits up to 120 s for {@code expected} of them, then until none has come for 3 s,
     * so a second copy would be read too. Each message is named by the property (or JMSCorrelationID).
     */
    private static List<String> drain(MessageConsumer consumer, String property, int expected) throws Exception {
        List<String> names = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (names.size() < expected && System.nanoTime() < deadline) {
            Message m = consumer.receive(1_000);
            if (m != null) {
                names.add("JMSCorrelationID".equals(property) ? m.getJMSCorrelationID() : m.getStringProperty(property));
            }
        }
        for (Message m = consumer.receive(3_000); m != null; m = consumer.receive(3_000)) {
            names.add("JMSCorrelationID".equals(property) ? m.getJMSCorrelationID() : m.getStringProperty(property));
        }
        return names;
    }

    private static Map<String, Long> counts(List<String> names) {
        return names.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** Counts, per run, the outcome's sends to langgraph.results and the redelivery attempts of its outputs. */
    private final class Counting extends MainListenerSupport {

        @Override
        public void beforeConfigure(BaseMainSupport main) {
            // in the registry, where Camel Main picks event notifiers up while it configures the context
            main.getCamelContext().getRegistry().bind("outageCounting", new EventNotifierSupport() {
                @Override
                public void notify(CamelEvent event) {
                    if (event instanceof CamelEvent.ExchangeRedeliveryEvent redelivery) {
                        attempts.merge(runId(redelivery.getExchange()), redelivery.getAttempt(), Math::max);
                    } else if (event instanceof CamelEvent.ExchangeSentEvent sentEvent
                            // the results-queue output's JMS send (its endpoint is the toD's template) that went through
                            && sentEvent.getEndpoint().getEndpointUri().startsWith("jms:")
                            && "queue".equals(sentEvent.getExchange().getProperty("output"))
                            && sentEvent.getExchange().getException() == null) {
                        sent.merge(runId(sentEvent.getExchange()), 1, Integer::sum);
                    }
                }
            });
        }

        private String runId(Exchange exchange) {
            return String.valueOf(exchange.getMessage().getHeader(LangGraphConstants.RUN_ID));
        }
    }
}
