package io.camellanggraph.outputs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.TestLogs;
import io.camellanggraph.testsupport.KafkaBroker;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two runs of the {@code approval} graph through the shipped results routes with Kafka on: the first while SMTP is
 * down (its mail is retried, then dead-lettered to the folder and the DLQ), the second with SMTP up. Every output is
 * read whole afterwards (the results and failures queues, the results topic's values and headers, the result files,
 * the audit file, the dead-letter folder and queue, the log lines written meanwhile): no resume handle, no resume URL.
 * The channels meant for people have them: the approvals queue (which asks for them) and the alert mail.
 */
class ResumeHandlesReachOnlyTheChannelsMeantForPeopleTest extends OutputsTestSupport {

    private static final Path TEST_LOG = TestLogs.file();

    private final String brokers = KafkaBroker.shared().bootstrapServers();
    private final String resultsTopic = "results-" + Long.toString(System.nanoTime(), 36);

    @Override
    protected void overrides(Properties properties) {
        properties.put("kafka.brokers", brokers);
        properties.put("kafka.results-topic", resultsTopic);
    }

    @Test
    void noGeneralOutputCarriesAResumeHandleOrUrlWhileApprovalsAndMailDo() throws Exception {
        long logStart = Files.exists(TEST_LOG) ? Files.size(TEST_LOG) : 0;
        stopSmtp();
        startRun("approval", "{\"text\": \"refund 10 EUR\"}");
        eventually(() -> files(deadLetterDir()), l -> !l.isEmpty());
        eventually(() -> browse("langgraph.dlq"), l -> !l.isEmpty());
        startSmtp();
        startRun("approval", "{\"text\": \"refund 20 EUR\"}");
        List<Message> approvals = eventually(() -> browse("langgraph.approvals"), l -> l.size() == 2);
        List<MimeMessage> mails = eventually(this::mails, l -> !l.isEmpty());
        List<ConsumerRecord<String, String>> topic = KafkaTopics.read(brokers, resultsTopic, l -> l.size() >= 2);
        eventually(this::auditLines, l -> l.size() == 2);

        List<String> handles = new ArrayList<>();
        for (Message approval : approvals) {
            String handle = property(approval, LangGraphConstants.RESUME_HANDLE);
            assertThat(handle).as("the approvals queue carries the handle").isNotBlank();
            assertThat(property(approval, LangGraphConstants.RESUME_URL)).endsWith("/langgraph/resume/" + handle);
            assertThat(property(approval, LangGraphConstants.INTERRUPTS)).contains(handle);
            handles.add(handle);
        }
        assertThat(Mails.text(mails.get(0))).as("the alert mail carries the answer links").contains("/langgraph/resume/")
                .containsAnyOf(handles.toArray(String[]::new));

        List<String> outputs = new ArrayList<>();
        for (String queue : List.of("langgraph.results", "langgraph.failures", "langgraph.messages", "langgraph.dlq")) {
            for (Message message : browse(queue)) {
                outputs.add(queue + ": " + ((TextMessage) message).getText() + " " + properties(message));
            }
        }
        assertThat(browse("langgraph.dlq")).as("the dead-lettered mail is on the DLQ").isNotEmpty();
        for (ConsumerRecord<String, String> record : topic) {
            StringBuilder headers = new StringBuilder();
            for (Header header : record.headers()) {
                headers.append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8)).append(' ');
            }
            outputs.add(resultsTopic + ": " + record.value() + " " + headers);
        }
        for (Path file : files(outDir)) {
            if (!file.startsWith(outDir.resolve("broker"))) {
                outputs.add(file + ": " + Files.readString(file));
            }
        }
        assertThat(files(deadLetterDir())).as("the dead-letter folder has the mail").isNotEmpty();
        outputs.add("log: " + logSince(logStart));

        for (String output : outputs) {
            assertThat(output).doesNotContain("/langgraph/resume/").doesNotContain("resume_handle").doesNotContain("ResumeHandle");
            for (String handle : handles) {
                assertThat(output).doesNotContain(handle);
            }
        }
    }

    private static String properties(Message message) throws Exception {
        StringBuilder text = new StringBuilder();
        for (Object name : Collections.list(message.getPropertyNames())) {
            text.append(name).append('=').append(message.getObjectProperty((String) name)).append(' ');
        }
        return text.toString();
    }

    private static String logSince(long offset) throws IOException {
        try (RandomAccessFile log = new RandomAccessFile(TEST_LOG.toFile(), "r")) {
            log.seek(offset);
            byte[] bytes = new byte[(int) (log.length() - offset)];
            log.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
