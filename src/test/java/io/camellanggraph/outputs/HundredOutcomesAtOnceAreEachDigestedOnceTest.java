package io.camellanggraph.outputs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.camellanggraph.app.outputs.DigestAggregationStrategy;
import io.camellanggraph.app.outputs.DigestRepository;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.TestDirs;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The digest is effectively once under concurrency: 100 outcomes arrive at the same moment on 32 threads, split over
 * two Camel contexts that share one digest group in the app's SQLite outputs store, with both
 * completions racing the adders: a size completion every 7 runs and an interval completion every 50 ms. Every run is
 * in exactly one digest. Before the repository refused to complete a group whose version had moved on, a completion
 * racing an add sent the stale group and kept the newer one, so its runs went out twice.
 */
@Tag("fast")
class HundredOutcomesAtOnceAreEachDigestedOnceTest {

    private final List<CamelContext> instances = new ArrayList<>();
    private final List<HikariDataSource> dataSources = new ArrayList<>();
    private final List<String> digested = Collections.synchronizedList(new ArrayList<>());

    @Test
    void hundredOutcomesAtOnceAreEachDigestedOnce() throws Exception {
        // the app's SQLite outputs store: one connection, shared here by both instances (SQLite has one writer)
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:sqlite:" + TestDirs.create("digest-race-").resolve("outputs.db"));
        dataSource.setMaximumPoolSize(1);
        dataSource.addDataSourceProperty("journal_mode", "WAL");
        dataSources.add(dataSource);
        List<ProducerTemplate> producers = List.of(instance(dataSource), instance(dataSource));

        ExecutorService threads = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> sent = IntStream.range(0, 100).mapToObj(i -> CompletableFuture.runAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producers.get(i % 2).sendBodyAndHeader("direct:digest", "{\"run_id\": \"run-" + i + "\"}",
                    LangGraphConstants.IDEMPOTENCY_KEY, "run-" + i);
        }, threads)).toList();
        start.countDown();
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        threads.shutdown();

        await().atMost(Duration.ofSeconds(60)).until(() -> digested.stream().distinct().count() == 100);
        // and no run comes a second time in a later digest either (20 more interval completions)
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> digested.size() == 100);
        assertThat(digested).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 100).mapToObj(i -> "run-" + i).toList());
    }

    private ProducerTemplate instance(DataSource dataSource) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("digestRepository", new DigestRepository(dataSource, "lg_digest", 30_000));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:digest")
                        .aggregate(constant("digest"), new DigestAggregationStrategy())
                        .aggregationRepository("#digestRepository").optimisticLocking()
                        .completionPredicate(simple("${body.size()} >= 7")).completionInterval(50)
                        .process(e -> digested.addAll(List.of(
                                e.getMessage().getHeader(DigestAggregationStrategy.KEYS, String.class).split(","))));
            }
        });
        context.start();
        instances.add(context);
        return context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        instances.forEach(CamelContext::stop);
        dataSources.forEach(HikariDataSource::close);
    }
}
