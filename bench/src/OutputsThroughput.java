import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.camellanggraph.app.EmbeddedBroker;
import io.camellanggraph.app.ExternalBroker;
import io.camellanggraph.app.LangGraphJmsHeaderFilterStrategy;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * Outcomes/s into the embedded broker, an external AMQP 1.0 broker and Kafka, in one JVM and one run
 * (bench/outputs-throughput.sh). Each output is the shipped route's send: the embedded queue with Artemis' duplicate
 * id, the AMQP queue through jms.url's pooled Qpid JMS factory, Kafka with the results-kafka options. Each round sends
 * N outcomes per output from T threads (after a warm-up of N/10) and prints outcomes/s; outputs take turns per round.
 *
 *   java -cp <classes>:target/classes:target/lib/* OutputsThroughput n threads rounds embeddedDir amqpUrl user password kafkaBootstrap
 */
public final class OutputsThroughput {

    public static void main(String[] args) {
        // the broker's threads would keep a failed run's JVM up
        try {
            run(args);
            System.exit(0);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        EmbeddedBroker embedded = EmbeddedBroker.start(Path.of(args[3]), "127.0.0.1", 0);
        JmsPoolConnectionFactory amqp = ExternalBroker.connectionFactory(args[4], args[5], args[6], 4);
        String kafka = args[7];

        CamelContext context = new DefaultCamelContext();
        context.addComponent("embedded", component(embedded.connectionFactory()));
        context.addComponent("amqp-broker", component(amqp));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:embedded").setHeader("_AMQ_DUPL_ID", header("CamelLangGraphIdempotencyKey"))
                        .to("embedded:queue:bench.results?exchangePattern=InOnly&jmsMessageType=Text&deliveryPersistent=true");
                from("direct:amqp").to("amqp-broker:queue:bench.results?exchangePattern=InOnly&jmsMessageType=Text&deliveryPersistent=true");
                from("direct:kafka").setHeader("CamelKafkaKey", header("CamelLangGraphIdempotencyKey"))
                        .to("kafka:bench.results?brokers=" + kafka + "&requestRequiredAcks=all&enableIdempotence=true"
                                + "&headerFilterStrategy=#class:io.camellanggraph.app.KafkaRunHeaderFilterStrategy"
                                + "&headerSerializer=#class:io.camellanggraph.app.KafkaHeadersAsText");
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        String body = runJson();
        System.out.printf("body %d bytes, %d outcomes per output and round, %d threads%n", body.length(), n, threads);
        for (String output : List.of("embedded", "amqp", "kafka")) {
            send(template, output, body, Math.max(100, n / 10), threads); // warm-up
        }
        for (int round = 1; round <= rounds; round++) {
            List<String> order = round % 2 == 1 ? List.of("embedded", "amqp", "kafka") : List.of("kafka", "amqp", "embedded");
            for (String output : order) {
                long start = System.nanoTime();
                send(template, output, body, n, threads);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("round %d  %-9s %,8.0f outcomes/s  (%,d in %.2f s)  load %s%n", round, output, n / seconds, n,
                        seconds, java.nio.file.Files.readString(Path.of("/proc/loadavg")).substring(0, 14));
            }
        }
        context.stop();
        amqp.stop();
        embedded.close();
    }

    private static JmsComponent component(jakarta.jms.ConnectionFactory factory) {
        JmsComponent jms = JmsComponent.jmsComponent(factory);
        jms.setHeaderFilterStrategy(new LangGraphJmsHeaderFilterStrategy());
        return jms;
    }

    /** n outcomes to direct:output from the given number of threads, each a synchronous send, as a dispatch thread does. */
    private static void send(ProducerTemplate template, String output, String body, int n, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (next.getAndIncrement() < n) {
                    String runId = UUID.randomUUID().toString();
                    Exchange e = template.send("direct:" + output, x -> {
                        x.getMessage().setBody(body);
                        x.getMessage().setHeaders(new java.util.HashMap<>(Map.of(
                                "CamelLangGraphRunId", runId, "CamelLangGraphIdempotencyKey", runId,
                                "CamelLangGraphThreadId", "bench-thread", "CamelLangGraphAssistantId", "echo",
                                "CamelLangGraphRunStatus", "success", "CamelLangGraphCallback", "results",
                                "CamelLangGraphSource", "webhook", "CamelLangGraphInterrupted", false)));
                    });
                    if (e.getException() != null) {
                        throw new IllegalStateException(output + ": " + e.getException().getMessage(), e.getException());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    /** A run as the results route hands it to its outputs: about 1 KB of JSON. */
    private static String runJson() {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            values.append(i == 0 ? "" : ", ").append("\"field").append(i).append("\": \"").append("value ".repeat(8)).append('"');
        }
        return "{\"run_id\": \"1f0c\", \"thread_id\": \"bench-thread\", \"assistant_id\": \"echo\", \"status\": \"success\","
                + " \"created_at\": \"2026-12-03T00:00:00Z\", \"updated_at\": \"2026-12-03T00:00:01Z\", \"values\": {" + values + "}}";
    }
}
