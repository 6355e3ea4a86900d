package io.camellanggraph.resume;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.component.LangGraphConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The loop closed on a real server: an interrupted outcome carries a resume URL and handle per pending interrupt;
 * GET shows the question and resumes nothing; the answer (URL POST or langgraph:resume) starts one resume run whose
 * outcome is routed to the same callback; a second answer is refused and starts nothing; a tampered handle is 404.
 */
abstract class HumanInTheLoopTestBase extends HumanInTheLoopSupport {

    @Test
    void answerFromTheResumeUrlResumesTheRunOnceAndItsOutcomeIsRouted() throws Exception {
        String thread = start("approval", "refund 40 EUR");
        Message asked = outcome(thread, 1);
        assertThat(asked.getHeader(LangGraphConstants.INTERRUPTED, Boolean.class)).isTrue();
        String url = asked.getHeader(LangGraphConstants.RESUME_URL, String.class);
        String handle = asked.getHeader(LangGraphConstants.RESUME_HANDLE, String.class);
        assertThat(url).isEqualTo("http://127.0.0.1:" + receiverPort + "/langgraph/resume/" + handle);
        JsonNode item = interrupts(asked).get(0);
        assertThat(item.path("resume_handle").asText()).isEqualTo(handle);
        assertThat(item.path("resume_url").asText()).isEqualTo(url);
        assertThat(item.path("value").path("question").asText()).isEqualTo("Approve?");

        HttpResponse<String> page = get(url);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Approve?").contains("refund 40 EUR").contains("value=\"approve\"")
                .contains("value=\"reject\"");
        get(url);
        assertThat(runsOf(thread)).as("GET never resumes").isEqualTo(1);

        HttpResponse<String> answered = postJson(url, "\"approve\"");
        assertThat(answered.statusCode()).isEqualTo(202);
        Message resumed = outcome(thread, 2);
        assertThat(resumed.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
        assertThat(resumed.getHeader(LangGraphConstants.INTERRUPTED, Boolean.class)).isFalse();
        assertThat(resumed.getHeader(LangGraphConstants.RESUME_HANDLE)).isNull();
        assertThat(values(resumed).path("decision").asText()).isEqualTo("approve");
        assertThat(values(resumed).path("approved").asBoolean()).isTrue();
        assertThat(values(resumed).path("upper").asText()).isEqualTo("REFUND 40 EUR");

        assertThat(postJson(url, "\"reject\"").statusCode()).isEqualTo(409);
        assertThat(postForm(url, "answer=approve").statusCode()).isEqualTo(409);
        assertThat(runsOf(thread)).as("a second answer starts no run").isEqualTo(2);
        assertThat(get(url).body()).contains("answered already");

        String tampered = handle.substring(0, handle.length() - 2) + (handle.endsWith("AA") ? "BB" : "AA");
        assertThat(postJson("http://127.0.0.1:" + receiverPort + "/langgraph/resume/" + tampered, "\"approve\"").statusCode())
                .isEqualTo(404);
        assertThat(get("http://127.0.0.1:" + receiverPort + "/langgraph/resume/nonsense").statusCode()).isEqualTo(404);
        assertThat(ofThread(thread)).hasSize(2);
    }

    @Test
    void formAnswerOfATwoStepApprovalEndsWithOneFinalOutcome() throws Exception {
        String thread = start("approval_two_step", "new supplier");
        Message manager = outcome(thread, 1);
        assertThat(interrupts(manager).get(0).path("value").path("question").asText()).isEqualTo("Manager approval?");
        HttpResponse<String> form = postForm(manager.getHeader(LangGraphConstants.RESUME_URL, String.class), "answer=approve");
        assertThat(form.statusCode()).isEqualTo(202);
        assertThat(form.body()).contains("Answer recorded");

        Message finance = outcome(thread, 2);
        assertThat(finance.getHeader(LangGraphConstants.INTERRUPTED, Boolean.class)).isTrue();
        assertThat(interrupts(finance).get(0).path("value").path("question").asText()).isEqualTo("Finance approval?");
        // the producer: the handle in its header, the answer in the body, who answered kept with the decision
        Message reply = template.request("langgraph:resume", e -> {
            e.getMessage().setHeader(LangGraphConstants.RESUME_HANDLE, finance.getHeader(LangGraphConstants.RESUME_HANDLE));
            e.getMessage().setHeader(LangGraphConstants.RESUMED_BY, "finance@example.com");
            e.getMessage().setBody("\"reject\"");
        }).getMessage();
        assertThat(reply.getHeader(LangGraphConstants.RUN_ID, String.class)).isNotBlank();
        assertThat(reply.getHeader(LangGraphConstants.RESUME_HANDLE)).isNull();

        Message done = outcome(thread, 3);
        assertThat(done.getHeader(LangGraphConstants.INTERRUPTED, Boolean.class)).isFalse();
        assertThat(values(done).path("manager").asText()).isEqualTo("approve");
        assertThat(values(done).path("finance").asText()).isEqualTo("reject");
        assertThat(done.getHeader(LangGraphConstants.RUN_ID)).isEqualTo(reply.getHeader(LangGraphConstants.RUN_ID));

        Exchange second = template.request("langgraph:resume", e -> {
            e.getMessage().setHeader(LangGraphConstants.RESUME_HANDLE, finance.getHeader(LangGraphConstants.RESUME_HANDLE));
            e.getMessage().setBody("\"approve\"");
        });
        assertThat(second.getException()).isInstanceOf(LangGraphInterruptAlreadyAnsweredException.class)
                .hasMessageNotContaining(finance.getHeader(LangGraphConstants.RESUME_HANDLE, String.class));
        assertThat(runsOf(thread)).isEqualTo(3);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> ofThread(thread).size() == 3);
    }

    @Test
    void twoInterruptsPendingAtOnceAreAnsweredOneByOne() throws Exception {
        String thread = start("approval_parallel", "launch");
        Message both = outcome(thread, 1);
        JsonNode pending = interrupts(both);
        assertThat(pending).hasSize(2);
        assertThat(pending.findValuesAsText("resume_handle")).hasSize(2).doesNotHaveDuplicates();
        assertThat(both.getHeader(LangGraphConstants.RESUME_HANDLE)).as("only for exactly one").isNull();
        JsonNode legal = pending.get(0).path("value").path("question").asText().equals("Legal?") ? pending.get(0) : pending.get(1);

        assertThat(postJson(legal.path("resume_url").asText(), "\"cleared\"").statusCode()).isEqualTo(202);
        Message one = outcome(thread, 2);
        JsonNode left = interrupts(one);
        assertThat(left).hasSize(1);
        assertThat(left.get(0).path("value").path("question").asText()).isEqualTo("Security?");
        assertThat(values(one).path("legal").asText()).isEqualTo("cleared");

        assertThat(postJson(one.getHeader(LangGraphConstants.RESUME_URL, String.class), "{\"ok\": true}").statusCode())
                .isEqualTo(202);
        Message done = outcome(thread, 3);
        assertThat(done.getHeader(LangGraphConstants.INTERRUPTED, Boolean.class)).isFalse();
        assertThat(values(done).path("legal").asText()).isEqualTo("cleared");
        assertThat(values(done).path("security").path("ok").asBoolean()).isTrue();
    }

    @Test
    void answerForAnInterruptAnsweredElsewhereIsRefusedAsNotPending() throws Exception {
        String thread = start("approval", "answered in Studio");
        Message asked = outcome(thread, 1);
        String interruptId = interrupts(asked).get(0).path("id").asText();
        // someone resumes the thread on the server directly (LangGraph Studio, another client): no webhook comes here
        HttpResponse<String> direct = postJson(server().url() + "/threads/" + thread + "/runs/wait",
                "{\"assistant_id\": \"approval\", \"command\": {\"resume\": {\"" + interruptId + "\": \"reject\"}}}");
        assertThat(direct.statusCode()).isEqualTo(200);

        Exchange late = template.request("langgraph:resume", e -> {
            e.getMessage().setHeader(LangGraphConstants.RESUME_HANDLE, asked.getHeader(LangGraphConstants.RESUME_HANDLE));
            e.getMessage().setBody("\"approve\"");
        });
        assertThat(late.getException()).isInstanceOf(LangGraphResumeRefusedException.class)
                .hasMessageContaining("no longer waits");
        assertThat(((LangGraphResumeRefusedException) late.getException()).getReason())
                .isEqualTo(LangGraphResumeRefusedException.Reason.NOT_PENDING);
        assertThat(postJson(asked.getHeader(LangGraphConstants.RESUME_URL, String.class), "\"approve\"").statusCode()).isEqualTo(409);
        assertThat(get(asked.getHeader(LangGraphConstants.RESUME_URL, String.class)).body()).contains("no longer waits");
        assertThat(runsOf(thread)).as("no run started by the late answers").isEqualTo(2);
    }

    @Test
    void answerWithAnUpdateChangesTheStateTheResumedNodeSees() throws Exception {
        String thread = start("approval", "40 EUR");
        Message asked = outcome(thread, 1);
        Message reply = template.request("langgraph:resume", e -> {
            e.getMessage().setHeader(LangGraphConstants.RESUME_HANDLE, asked.getHeader(LangGraphConstants.RESUME_HANDLE));
            e.getMessage().setHeader(LangGraphConstants.COMMAND, "{\"update\": {\"text\": \"35 EUR\"}}");
            e.getMessage().setBody("approve");
        }).getMessage();
        assertThat(reply.getHeader(LangGraphConstants.RUN_ID, String.class)).isNotBlank();
        Message resumed = outcome(thread, 2);
        assertThat(values(resumed).path("decision").asText()).as("a plain-text body is a text answer").isEqualTo("approve");
        assertThat(values(resumed).path("upper").asText()).isEqualTo("35 EUR");
    }
}
