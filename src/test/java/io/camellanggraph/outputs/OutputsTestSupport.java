package io.camellanggraph.outputs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.camellanggraph.app.EmbeddedBroker;
import io.camellanggraph.app.JmsBrokerListener;
import io.camellanggraph.app.bridge.BridgeRequests;
import io.camellanggraph.app.outputs.OutputsRepositories;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.mail.internet.MimeMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import static org.awaitility.Awaitility.await;

/**
 * The shipped {@code routes/*.camel.yaml} with the shipped settings (the jar's defaults) loaded into a test context wired like the app
 * (langgraph component on a real Python LangGraph server, platform-http receiver, the outputs' store in the data
 * directory), with a real embedded Artemis broker, a real GreenMail SMTP server and real temp folders; only folders,
 * ports and timings are overridden.
 */
abstract class OutputsTestSupport extends LangGraphTestSupport {

    protected static final ObjectMapper MAPPER = new ObjectMapper();

    protected final int brokerPort = freePort();
    protected final int smtpPort = freePort();
    protected Path outDir;
    protected EmbeddedBroker broker;
    protected GreenMail smtp;
    /** Mails received by SMTP servers this test already stopped. */
    protected final List<MimeMessage> earlierMails = new ArrayList<>();

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.python();
    }

    /** The route files to load, relative to the project directory. */
    protected List<String> routeFiles() {
        return List.of("routes/results.camel.yaml");
    }

    /** Overrides of the shipped configuration (folders, ports and timings are set already). */
    protected void overrides(Properties properties) {
    }

    @Override
    protected void doPreSetup() throws Exception {
        outDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "outputs-");
        broker = EmbeddedBroker.start(outDir.resolve("broker"), "127.0.0.1", brokerPort);
        startSmtp();
    }

    @Override
    protected void doPostTearDown() throws Exception {
        if (smtp != null) {
            smtp.stop();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Properties overrides = new Properties();
        overrides.put("app.out-dir", outDir.toString());
        overrides.put("langgraph.data-dir", dataDir.toString());
        overrides.put("mail.host", "127.0.0.1");
        overrides.put("mail.port", Integer.toString(smtpPort));
        overrides.put("mail.connection-timeout", "2000");
        overrides.put("outputs.redelivery.maximum", "3");
        overrides.put("outputs.redelivery.delay", "50");
        overrides.put("outputs.redelivery.maximum-delay", "1000");
        overrides(overrides);
        context.getPropertiesComponent().setLocation("classpath:application.properties,classpath:outputs.properties");
        context.getPropertiesComponent().setOverrideProperties(overrides);
        JmsBrokerListener.configure(context, appConnectionFactory());
        OutputsRepositories.bind(context);
        for (String file : routeFiles()) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context, "file:" + file));
        }
        return context;
    }

    /** The connection factory the routes' jms component uses: the embedded broker's, unless a test reaches another. */
    protected jakarta.jms.ConnectionFactory appConnectionFactory() {
        return broker.connectionFactory();
    }

    // ---- SMTP ---------------------------------------------------------------------------------------------------------

    protected void startSmtp() {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    /** SMTP refusing: nothing listens on the port any more. */
    protected void stopSmtp() {
        earlierMails.addAll(List.of(smtp.getReceivedMessages()));
        smtp.stop();
    }

    protected List<MimeMessage> mails() {
        List<MimeMessage> all = new ArrayList<>(earlierMails);
        if (smtp.isRunning()) {
            all.addAll(List.of(smtp.getReceivedMessages()));
        }
        return all;
    }

    // ---- runs -------------------------------------------------------------------------------------------------------

    /** A run this test started: its ids as the producer answered them. */
    protected record Started(String runId, String threadId) {
    }

    /** Starts a background run on a new thread whose outcome goes to langgraph:webhook/results. */
    protected Started startRun(String assistant, String input) {
        return startRun(assistant, input, Map.of());
    }

    /** Same, with more producer options as {@code CamelLangGraph<Option>} headers (metadata, config, ...). */
    protected Started startRun(String assistant, String input, Map<String, Object> headers) {
        Exchange started = template.request("langgraph:run?threadId=new&callback=results", e -> {
            e.getMessage().setBody(input);
            e.getMessage().setHeader(LangGraphConstants.ASSISTANT_ID, assistant);
            headers.forEach(e.getMessage()::setHeader);
        });
        if (started.getException() != null) {
            throw new IllegalStateException(started.getException());
        }
        return new Started(started.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class),
                started.getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class));
    }

    /** The run as the server has it now (getRun). */
    protected JsonNode getRun(Started run) throws Exception {
        String body = template.requestBodyAndHeaders("langgraph:getRun", null,
                Map.of(LangGraphConstants.THREAD_ID, run.threadId(), LangGraphConstants.RUN_ID, run.runId()), String.class);
        return MAPPER.readTree(body);
    }

    /** Cancels a run once the server runs it: {@code interrupt} ends it as interrupted, {@code rollback} as rollback. */
    protected void cancelWhenRunning(Started run, String action) throws Exception {
        eventually(() -> getRun(run).path("status").asText(), "running"::equals);
        template.requestBodyAndHeaders("langgraph:cancelRun?cancelAction=" + action, null,
                Map.of(LangGraphConstants.THREAD_ID, run.threadId(), LangGraphConstants.RUN_ID, run.runId()));
    }

    /**
     * A {@code timeout} outcome, for real: on a server started with a short {@code BG_JOB_TIMEOUT_SECS} (see
     * {@link #serverWithShortRunTimeout()}), a run that sleeps longer than that.
     */
    protected Started startRunThatTimesOut() throws Exception {
        return startRun("sleep", "{\"seconds\": 60}");
    }

    /** A private Python server whose runs time out after {@value #RUN_TIMEOUT_SECONDS} seconds. */
    protected static LangGraphServer serverWithShortRunTimeout() {
        return LangGraphServer.dedicatedPython(null, Map.of("BG_JOB_TIMEOUT_SECS", Integer.toString(RUN_TIMEOUT_SECONDS)));
    }

    protected static final int RUN_TIMEOUT_SECONDS = 8;

    /** The runs the server has for a bridge request: on the threads its metadata names, those naming it. */
    protected List<String> runsOfBridgeRequest(String requestId) throws Exception {
        LangGraphClient client = langgraph().callbackHub().client();
        ObjectNode query = object().put("limit", 100);
        query.putObject("metadata").put(BridgeRequests.METADATA, requestId);
        List<String> runs = new ArrayList<>();
        for (JsonNode thread : client.searchThreads(query)) {
            client.listRuns(thread.path("thread_id").asText(), 100).stream()
                    .filter(r -> requestId.equals(r.metadata(BridgeRequests.METADATA))).forEach(r -> runs.add(r.runId()));
        }
        return runs;
    }

    // ---- JMS --------------------------------------------------------------------------------------------------------

    /** A JMS client of its own, as another flow would connect: over TCP to the broker's acceptor. */
    protected ActiveMQConnectionFactory client() {
        return new ActiveMQConnectionFactory(broker.tcpUrl());
    }

    /** What a queue holds now, without consuming it. */
    protected List<Message> browse(String queue) throws JMSException {
        try (Connection connection = client().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = session.createQueue(queue);
            List<Message> messages = new ArrayList<>();
            try (QueueBrowser browser = session.createBrowser(q)) {
                Enumeration<?> e = browser.getEnumeration();
                while (e.hasMoreElements()) {
                    messages.add((Message) e.nextElement());
                }
            }
            return messages;
        }
    }

    protected static JsonNode json(Message message) {
        try {
            return MAPPER.readTree(((TextMessage) message).getText());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String property(Message message, String name) {
        try {
            return message.getStringProperty(name);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- files ------------------------------------------------------------------------------------------------------

    protected Path resultsDir() {
        return outDir.resolve("results");
    }

    protected Path deadLetterDir() {
        return outDir.resolve("dead-letter");
    }

    protected Path auditFile() {
        return outDir.resolve("audit/results.jsonl");
    }

    /** Regular files under a folder (recursively), temp files included. */
    protected static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    protected static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected List<JsonNode> auditLines() throws IOException {
        if (!Files.exists(auditFile())) {
            return List.of();
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(auditFile())) {
            lines.add(MAPPER.readTree(line));
        }
        return lines;
    }

    protected static <T> T eventually(java.util.concurrent.Callable<T> supplier, java.util.function.Predicate<T> done) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(supplier, done::test);
    }

    protected static String newId() {
        return UUID.randomUUID().toString();
    }

    protected static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
