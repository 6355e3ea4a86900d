package io.camellanggraph.resume;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import io.camellanggraph.client.LangGraphConflictException;
import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.store.AwaitingInterrupt;
import io.camellanggraph.store.JdbcCallbackStore;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.TestLogs;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real Python server refuses a resume run with a real 409 while another run is queued on the thread (a delayed
 * run; the resume run is sent with {@code multitask_strategy=reject}). The withdrawn answer makes the interrupt wait
 * again: the caller gets the server's reason, the interrupt is listed as waiting, a second answer resumes the run
 * once, its expiry still fires, and an expiry's own answer the server refuses is retried after the lease.
 */
class WithdrawnAnswerLeavesTheInterruptWaitingTest extends HumanInTheLoopSupport {

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.python();
    }

    @Override
    protected void configure(LangGraphComponent langgraph) {
        // an expiry that failed is taken again once its lease ran out
        langgraph.setLeaseTime(2000);
    }

    @Override
    protected List<String> webhooks() {
        return List.of("langgraph:webhook/approvals", "langgraph:webhook/expire-route?resumeTimeout=1h",
                "langgraph:webhook/expire-resume?resumeTimeout=1h&onExpiry=resume&onExpiryAnswer=reject");
    }

    /** An interrupt of a run on {@code callback}'s thread, and a run queued on that thread, to start in an hour. */
    private record Busy(Message asked, String thread, String interruptId, String blocker) {
    }

    private Busy busy(String callback) throws Exception {
        String thread = template.request("langgraph:run?assistantId=approval&threadId=new&callback=" + callback,
                e -> e.getMessage().setBody("{\"text\": \"busy\"}")).getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class);
        Message asked = outcome(thread, 1);
        // the thread is busy, its checkpoint untouched: a resume run with multitask_strategy=reject gets 409
        String blocker = mapper.readTree(postJson(server().url() + "/threads/" + thread + "/runs",
                "{\"assistant_id\": \"approval\", \"input\": {\"text\": \"later\"}, \"after_seconds\": 3600}").body())
                .path("run_id").asText();
        return new Busy(asked, thread, interrupts(asked).get(0).path("id").asText(), blocker);
    }

    private void free(Busy busy) throws Exception {
        assertThat(delete(server().url() + "/threads/" + busy.thread() + "/runs/" + busy.blocker()).statusCode()).isEqualTo(204);
    }

    private Exchange answer(Busy busy, String callback, String answer) {
        return template.request("langgraph:resume?callback=" + callback + "&threadId=" + busy.thread() + "&interruptId="
                + busy.interruptId(), e -> e.getMessage().setBody(answer));
    }

    private AwaitingInterrupt awaiting(Busy busy) {
        return langgraph().interruptResumer().awaiting().find(busy.thread(), busy.interruptId());
    }

    /** The resume timeout passes. */
    private void timeoutPasses(Busy busy) throws Exception {
        timeoutPasses(((JdbcCallbackStore) langgraph().callbackStore().orElseThrow()).dataSource(), busy.thread() + ":" + busy.interruptId());
    }

    private static String logSince(long offset) throws IOException {
        try (InputStream in = Files.newInputStream(TestLogs.file())) {
            in.skipNBytes(offset);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void answerTheServerRefusesIsRefusedWithItsReasonAndASecondAnswerResumesOnce() throws Exception {
        Busy busy = busy("approvals");

        Exchange refused = answer(busy, "approvals", "\"approve\"");
        assertThat(refused.getException()).isInstanceOf(LangGraphConflictException.class)
                .hasMessageContaining("409").hasMessageContaining("already running");
        assertThat(awaiting(busy).state()).isEqualTo(AwaitingInterrupt.WAITING);
        assertThat(langgraph().interruptResumer().awaiting().waiting(1000))
                .anyMatch(a -> a.key().equals(busy.thread() + ":" + busy.interruptId()));
        // the person with the link is told the same: not taken now, the question still waits
        HttpResponse<String> byLink = postJson(busy.asked().getHeader(LangGraphConstants.RESUME_URL, String.class), "\"approve\"");
        assertThat(byLink.statusCode()).isEqualTo(409);
        assertThat(byLink.body()).contains("still waits");
        assertThat(awaiting(busy).state()).isEqualTo(AwaitingInterrupt.WAITING);

        free(busy);
        assertThat(postJson(busy.asked().getHeader(LangGraphConstants.RESUME_URL, String.class), "\"approve\"").statusCode())
                .isEqualTo(202);
        Message resumed = outcome(busy.thread(), 2);
        assertThat(resumed.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
        assertThat(values(resumed).path("decision").asText()).isEqualTo("approve");
        assertThat(runsOf(busy.thread())).as("the interrupted run and one resume run").isEqualTo(2);
        assertThat(awaiting(busy).state()).isEqualTo(AwaitingInterrupt.ANSWERED);
    }

    @Test
    void interruptWhoseAnswerWasWithdrawnStillExpires() throws Exception {
        Busy busy = busy("expire-route");
        assertThat(answer(busy, "expire-route", "\"approve\"").getException()).isInstanceOf(LangGraphConflictException.class);

        timeoutPasses(busy);
        Message expired = outcome(busy.thread(), 2);
        assertThat(expired.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("expired");
        assertThat(awaiting(busy).state()).isEqualTo(AwaitingInterrupt.EXPIRED);
        free(busy);
    }

    @Test
    void expiryWhoseOwnAnswerTheServerRefusesIsRetriedAfterItsLease() throws Exception {
        Busy busy = busy("expire-resume");
        long logFrom = TestLogs.size();

        timeoutPasses(busy);
        String refusedLine = "Expiry of interrupt " + busy.interruptId() + " of thread " + busy.thread() + " not handled now";
        await().atMost(Duration.ofSeconds(30)).until(() -> logSince(logFrom).contains(refusedLine));
        // held under a new lease (not waiting, so not taken again at every pass), and not answered
        assertThat(awaiting(busy).state()).isEqualTo(AwaitingInterrupt.EXPIRING);
        assertThat(langgraph().interruptResumer().decision(new ResumeHandle(busy.thread(), busy.interruptId(), "expire-resume", 0)))
                .isNull();

        free(busy);
        Message resumed = outcome(busy.thread(), 2);
        assertThat(resumed.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
        assertThat(values(resumed).path("decision").asText()).isEqualTo("reject");
        assertThat(runsOf(busy.thread())).isEqualTo(2);
    }
}
