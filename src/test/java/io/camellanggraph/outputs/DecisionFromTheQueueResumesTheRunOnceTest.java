package io.camellanggraph.outputs;

import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.component.LangGraphConstants;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped loop over JMS: a run of the {@code approval} graph started with {@code callback=results} lands on
 * langgraph.approvals with its resume handle and URL as properties, and its alert mail carries them; a decision on
 * langgraph.decisions with that handle resumes the run, whose outcome comes back through the results route; a second
 * decision for the same interrupt is refused to langgraph.decisions.refused with its reason and starts no run.
 */
class DecisionFromTheQueueResumesTheRunOnceTest extends OutputsTestSupport {

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/results.camel.yaml", "routes/decisions.camel.yaml");
    }

    private void decide(String handle, String answer) throws Exception {
        try (Connection connection = client().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("langgraph.decisions"));
            TextMessage message = session.createTextMessage(answer);
            message.setStringProperty(LangGraphConstants.RESUME_HANDLE, handle);
            message.setStringProperty(LangGraphConstants.RESUMED_BY, "ops@example.com");
            producer.send(message);
        }
    }

    @Test
    void decisionOnTheQueueResumesTheRunAndASecondIsRefusedWithItsReason() throws Exception {
        Started started = startRun("approval", "{\"text\": \"refund 120 EUR\"}");
        jakarta.jms.Message approval = eventually(() -> browse("langgraph.approvals"), l -> !l.isEmpty()).get(0);
        String handle = property(approval, LangGraphConstants.RESUME_HANDLE);
        String url = property(approval, LangGraphConstants.RESUME_URL);
        assertThat(handle).isNotBlank();
        assertThat(url).endsWith("/langgraph/resume/" + handle);
        MimeMessage mail = eventually(this::mails, m -> !m.isEmpty()).get(0);
        assertThat(Mails.text(mail)).contains("Approve?").contains("Answer here: " + url).contains(handle);

        decide(handle, "approve");
        JsonNode done = eventually(() -> browse("langgraph.results").stream().map(OutputsTestSupport::json)
                .filter(run -> started.threadId().equals(run.path("thread_id").asText())).toList(), l -> !l.isEmpty()).get(0);
        assertThat(done.path("values").path("decision").asText()).isEqualTo("approve");
        assertThat(done.path("values").path("approved").asBoolean()).isTrue();

        decide(handle, "reject");
        jakarta.jms.Message refused = eventually(() -> browse("langgraph.decisions.refused"), l -> !l.isEmpty()).get(0);
        assertThat(property(refused, "LangGraphRefusedReason")).isEqualTo("ALREADY_ANSWERED");
        assertThat(property(refused, LangGraphConstants.RESUME_HANDLE)).isNull();
        assertThat(((TextMessage) refused).getText()).isEqualTo("reject");
        assertThat(browse("langgraph.results")).as("no second resume run").hasSize(1);

        decide(handle.substring(0, handle.length() - 3) + "xyz", "approve");
        eventually(() -> browse("langgraph.decisions.refused"), l -> l.size() == 2);
        assertThat(property(browse("langgraph.decisions.refused").get(1), "LangGraphRefusedReason")).isEqualTo("INVALID_HANDLE");
    }
}
