package io.camellanggraph.outputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.camellanggraph.app.outputs.DigestAggregationStrategy;
import io.camellanggraph.app.outputs.OutputsRepositories;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.PostgresServer;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.AggregationRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of a cluster with the outputs' store on one real PostgreSQL: outcomes arriving at both at once, one of
 * them at both, go into one digest group, written by one instance at a time through the JDBC repository's optimistic
 * locking (no update lost), and the digest holds every outcome once (the shared idempotent repository skipped the
 * outcome delivered again). The route is the shipped digest route's
 * idempotent consumer and aggregator, built on the same repositories and strategy, without the mail.
 */
class DigestGroupIsSharedByInstancesOnOnePostgresTest {

    private static final int OUTCOMES = 12;

    private final String database = PostgresServer.shared().newDatabase("outputs");
    private final Queue<List<String>> digests = new ConcurrentLinkedQueue<>();
    private final List<CamelContext> instances = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        instances.forEach(CamelContext::stop);
    }

    @Test
    void outcomesArrivingAtTwoInstancesMakeOneDigestWithEachOutcomeOnce() throws Exception {
        ProducerTemplate a = instance().createProducerTemplate();
        ProducerTemplate b = instance().createProducerTemplate();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            a.sendBodyAndHeader("direct:digest", "{\"run_id\": \"run-0\"}", LangGraphConstants.IDEMPOTENCY_KEY, "run-0");
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 1; i < OUTCOMES; i++) {
                String key = "run-" + i;
                ProducerTemplate to = i % 2 == 0 ? a : b;
                sent.add(senders.submit(() -> to.sendBodyAndHeader("direct:digest", "{\"run_id\": \"" + key + "\"}",
                        LangGraphConstants.IDEMPOTENCY_KEY, key)));
            }
            // the first outcome delivered to the other instance too (a redelivery after a takeover), meanwhile
            sent.add(senders.submit(() -> b.sendBodyAndHeader("direct:digest", "{\"run_id\": \"run-0\"}",
                    LangGraphConstants.IDEMPOTENCY_KEY, "run-0")));
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            senders.shutdown();
        }
        await().until(() -> !digests.isEmpty());
        assertThat(digests).singleElement().satisfies(digest -> assertThat(digest).hasSize(OUTCOMES).doesNotHaveDuplicates());
    }

    private CamelContext instance() throws Exception {
        CamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.put("outputs.store.url", database);
        properties.put("outputs.store.user", PostgresServer.USER);
        properties.put("outputs.store.password", PostgresServer.PASSWORD);
        context.getPropertiesComponent().setOverrideProperties(properties);
        OutputsRepositories.bind(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:digest")
                        .idempotentConsumer(header(LangGraphConstants.IDEMPOTENCY_KEY))
                        .idempotentRepository(context.getRegistry().lookupByNameAndType(OutputsRepositories.DIGESTED,
                                IdempotentRepository.class))
                        .eager(false)
                        .aggregate(constant("digest"), new DigestAggregationStrategy())
                        .aggregationRepository(context.getRegistry().lookupByNameAndType(OutputsRepositories.DIGEST_REPOSITORY,
                                AggregationRepository.class))
                        .optimisticLocking()
                        .completionPredicate(simple("${body.size()} >= " + OUTCOMES))
                        .process(e -> digests.add(List.copyOf(e.getMessage().getBody(List.class))));
            }
        });
        context.start();
        instances.add(context);
        return context;
    }
}
