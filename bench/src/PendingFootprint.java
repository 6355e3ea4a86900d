import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import io.camellanggraph.callback.Correlator;
import io.camellanggraph.component.LangGraphAwaitTimeoutException;
import io.camellanggraph.component.RunHeaders;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.JdbcCallbackStore;
import io.camellanggraph.store.PendingRun;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.builder.RouteBuilder;

/**
 * Footprint of N pending correlated runs (bench/pending-footprint.sh): N {@code awaitWebhook} waiters in the
 * component's {@link Correlator} (each holding a real in-flight Camel exchange with a body, headers and a unit of work,
 * and a timeout task on the one scheduler thread, exactly the two lambdas LangGraphProducer registers), and N rows in the
 * SQLite store through {@code addPendingRun}. Prints heap used after a full GC and the live thread count before and
 * after, and what a reconciliation pass over that table costs.
 *
 *   java -Xmx256m -cp <classes>:target/classes:target/lib/* PendingFootprint [n=100000] [data dir]
 */
public final class PendingFootprint {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("pending-footprint");
        Files.createDirectories(dir);
        long timeoutMillis = 600_000; // the producer's default awaitTimeout (10 min): every waiter has a live timeout task

        report("JVM started", 0);
        CamelContext context = new DefaultCamelContext();
        context.start();
        probeComponentScheduler(context, n, timeoutMillis);
        // the workaround for the app: camel.threadpool.max-queue-size=-1 (Camel's default profile, used by the scheduler)
        context.getExecutorServiceManager().getDefaultThreadPoolProfile().setMaxQueueSize(-1);
        ScheduledExecutorService timer = context.getExecutorServiceManager().newScheduledThreadPool(context, "LangGraphScheduler", 1);
        Correlator correlator = new Correlator(timer);
        CallbackStore store = JdbcCallbackStore.open("jdbc:sqlite:" + dir.resolve("langgraph-callbacks.db"), null, null);
        long base = report("Camel context, scheduler and SQLite store up (baseline)", 0);

        // each exchange really is in flight in a route (unit of work, inflight repository) whose last step parks it in the
        // Correlator and returns without calling back, as LangGraphProducer.startAndAwait does
        List<String> cids = new ArrayList<>(n);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").routeId("ask").process(new AwaitLikeTheProducer(correlator, timeoutMillis, cids));
            }
        });
        AsyncProducer producer = context.getEndpoint("direct:ask").createAsyncProducer();
        producer.start();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Exchange exchange = context.getEndpoint("direct:ask").createExchange();
            exchange.getMessage().setBody("{\"question\": \"What is the status of order " + (100000 + i) + "?\", \"customer\": \"C-" + i + "\"}");
            exchange.getMessage().setHeader("JMSCorrelationID", "corr-" + i);
            exchange.getMessage().setHeader("JMSMessageID", "ID:bench-" + i);
            exchange.getMessage().setHeader("JMSReplyTo", "queue://langgraph.replies");
            exchange.getMessage().setHeader("CamelLangGraphAssistantId", "echo");
            exchange.getMessage().setHeader("CamelLangGraphThreadId", UUID.randomUUID().toString());
            if (producer.process(exchange, doneSync -> { })) {
                throw new IllegalStateException("exchange " + i + " completed instead of waiting");
            }
        }
        System.out.printf("in flight in route 'ask': %,d exchanges%n", context.getInflightRepository().size());
        long tWaiters = System.nanoTime();
        System.out.printf("%,d waiters registered in %.1f s%n", n, (tWaiters - t0) / 1e9);
        long withWaiters = report(String.format("%,d awaitWebhook waiters (Correlator.size()=%,d)", n, correlator.size()), base);
        System.out.printf("  = %.2f KB per waiting exchange%n", (withWaiters - base) / 1024.0 / n);

        long now = System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
            store.addPendingRun(new PendingRun(cids.get(i), UUID.randomUUID().toString(), UUID.randomUUID().toString(), "bench", now - n + i));
        }
        long tRows = System.nanoTime();
        System.out.printf("%,d pending rows added in %.1f s (%.0f rows/s, one commit each)%n", n, (tRows - tWaiters) / 1e9,
                n / ((tRows - tWaiters) / 1e9));
        long withRows = report(String.format("+ %,d pending rows in SQLite (countPendingRuns()=%,d)", n, store.countPendingRuns()), base);
        System.out.printf("  of which the store's rows: %.1f MB on heap (db file %.1f MB)%n", (withRows - withWaiters) / 1048576.0,
                Files.size(dir.resolve("langgraph-callbacks.db")) / 1048576.0);

        // a reconciliation pass reads the oldest 200 pending runs; the startup pass takes all ages
        long q0 = System.nanoTime();
        int seen = store.pendingRunsOlderThan(Long.MAX_VALUE, 200).size();
        long q1 = System.nanoTime();
        int count = store.countPendingRuns();
        long q2 = System.nanoTime();
        System.out.printf("reconciler query: %d oldest of %,d pending in %.1f ms; countPendingRuns %.1f ms%n", seen, count,
                (q1 - q0) / 1e6, (q2 - q1) / 1e6);

        for (String cid : cids) {
            correlator.cancel(cid);
        }
        store.close();
        // the parked exchanges never complete: do not wait for them
        context.getShutdownStrategy().setTimeout(1);
        context.getShutdownStrategy().setSuppressLoggingOnTimeout(true);
        context.stop();
    }

    /**
     * The scheduler as LangGraphComponent.callbackHub() creates it (Camel's default thread pool profile: max queue size
     * 1000): how many waiters with a timeout can be pending at once before Correlator.await is refused.
     */
    private static void probeComponentScheduler(CamelContext context, int n, long timeoutMillis) {
        ScheduledExecutorService timer = context.getExecutorServiceManager().newScheduledThreadPool(context, "LangGraphScheduler-probe", 1);
        Correlator probe = new Correlator(timer);
        List<String> cids = new ArrayList<>();
        int accepted = 0;
        try {
            for (; accepted < n; accepted++) {
                String cid = UUID.randomUUID().toString();
                cids.add(cid);
                probe.await(cid, timeoutMillis, delivery -> { }, () -> { });
            }
            System.out.printf("component's scheduler (default profile): all %,d waiters accepted%n", n);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            System.out.printf("component's scheduler (default profile, max queue size %d): waiter #%,d refused with %s: %s;"
                    + " Correlator.size() is %,d afterwards (the refused waiter stays in the map, without a timeout)%n",
                    context.getExecutorServiceManager().getDefaultThreadPoolProfile().getMaxQueueSize(), accepted + 1,
                    e.getClass().getSimpleName(), e.getMessage(), probe.size());
        }
        cids.forEach(probe::cancel);
        context.getExecutorServiceManager().shutdownNow(timer);
    }

    /** The part of LangGraphProducer.startAndAwait that keeps an exchange waiting: the same two lambdas. */
    private static final class AwaitLikeTheProducer implements AsyncProcessor {
        private final Correlator correlator;
        private final long timeoutMillis;
        private final List<String> cids;

        AwaitLikeTheProducer(Correlator correlator, long timeoutMillis, List<String> cids) {
            this.correlator = correlator;
            this.timeoutMillis = timeoutMillis;
            this.cids = cids;
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            String cid = UUID.randomUUID().toString();
            String[] runId = {UUID.randomUUID().toString()};
            correlator.await(cid, timeoutMillis, delivery -> {
                RunHeaders.set(exchange.getMessage(), delivery);
                callback.done(false);
            }, () -> {
                exchange.setException(new LangGraphAwaitTimeoutException(runId[0], cid, timeoutMillis));
                callback.done(false);
            });
            cids.add(cid);
            return false;
        }

        @Override
        public void process(Exchange exchange) {
            throw new UnsupportedOperationException("asynchronous only");
        }

        @Override
        public CompletableFuture<Exchange> processAsync(Exchange exchange) {
            throw new UnsupportedOperationException("asynchronous only");
        }
    }

    /** Prints heap used after a full GC (MB) and live threads; returns the heap bytes. */
    private static long report(String what, long base) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        System.out.printf("%-70s heap used after GC %7.1f MB%s, live threads %d%n", what, used / 1048576.0,
                base > 0 ? String.format(" (+%.1f MB)", (used - base) / 1048576.0) : "", threads);
        return used;
    }
}
