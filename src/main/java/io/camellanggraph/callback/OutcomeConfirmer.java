package io.camellanggraph.callback;

import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.client.LangGraphApiException;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.client.LangGraphNotFoundException;
import io.camellanggraph.client.LangGraphUnreachableException;
import io.camellanggraph.client.Run;

/**
 * The confirm stage against the real server. A webhook body is a claim that anyone who can read the run's
 * {@code kwargs.webhook} could have posted, so the outcome routed is the server's own copy: the run (status,
 * metadata) fetched with the API key, its thread's values and pending interrupts, and for a run that did not
 * succeed the error its join reports. A cancelled run is the exception: the server keeps no error for it (its GET
 * has none, its join answers the thread's values, a rolled-back run is deleted), so the webhook body's error is
 * taken, and only with the class its confirmed status implies. The run must carry this callback's correlation id in its metadata and, where
 * known, run on the expected assistant. With {@code trustWebhookBody} a complete posted body is taken as it is.
 */
public final class OutcomeConfirmer implements ClaimConfirmer {

    /** The error class the server's worker ends a run with for each cancel status (langgraph-api 0.16.7 worker.py). */
    /** Run ids are UUIDs on both servers: anything else is refused by the server (422), so it is not asked. */
    private static final java.util.regex.Pattern UUID_TEXT =
            java.util.regex.Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final Map<String, String> CANCEL_ERRORS = Map.of("interrupted", "UserInterrupt", "rollback", "UserRollback");

    private final LangGraphClient client;
    private final ObjectMapper mapper;
    private final boolean detectInterrupts;
    private final boolean trustWebhookBody;
    /** The assistant a cron callback's runs must run on (the server's id), by callback name; null when unknown. */
    private final Function<String, String> cronAssistant;

    public OutcomeConfirmer(LangGraphClient client, boolean detectInterrupts, boolean trustWebhookBody,
                            Function<String, String> cronAssistant) {
        this.client = client;
        this.mapper = client.mapper();
        this.detectInterrupts = detectInterrupts;
        this.trustWebhookBody = trustWebhookBody;
        this.cronAssistant = cronAssistant;
    }

    @Override
    public Verdict confirm(Claim claim) {
        if (trustWebhookBody) {
            Verdict trusted = trusted(claim);
            if (trusted != null) {
                return trusted;
            }
        }
        if (claim.threadId() == null) {
            return new Verdict.Refused(Verdict.Reason.UNKNOWN_RUN, "no thread known for run " + claim.runId());
        }
        if (!UUID_TEXT.matcher(claim.runId()).matches()) {
            // a forged claim costs the server nothing when its run id cannot be one
            return new Verdict.Refused(Verdict.Reason.UNKNOWN_RUN, "run id " + claim.runId() + " is not a UUID: no server has such a run");
        }
        Run run;
        try {
            run = client.getRun(claim.threadId(), claim.runId());
        } catch (LangGraphNotFoundException e) {
            if (isRollbackOfOurRun(claim)) {
                return rolledBack(claim);
            }
            return new Verdict.Refused(Verdict.Reason.UNKNOWN_RUN, "the server has no run " + claim.runId()
                    + " in thread " + claim.threadId());
        } catch (LangGraphUnreachableException e) {
            return new Verdict.Unreachable(e.getMessage());
        } catch (LangGraphApiException e) {
            // 422: a run id that is not even a UUID. Anything else (401 of a wrong API key, 5xx) says nothing about the
            // claim: it stays recorded and is asked about again, so a real outcome is never lost to a server hiccup
            return e.getStatusCode() == 422
                    ? new Verdict.Refused(Verdict.Reason.UNKNOWN_RUN, "the server refused run id " + claim.runId() + " (422)")
                    : new Verdict.Unreachable(e.getMessage());
        }
        Verdict.Refused foreign = ownership(claim, run);
        if (foreign != null) {
            return foreign;
        }
        if (!run.isTerminal()) {
            return new Verdict.NotYet(run.status());
        }
        return complete(claim, run);
    }

    /** Null when the run is this callback's; otherwise why not. */
    private Verdict.Refused ownership(Claim claim, Run run) {
        String cid = run.metadata(CallbackHub.CORRELATION_METADATA);
        if (!claim.correlationId().equals(cid)) {
            return new Verdict.Refused(Verdict.Reason.OTHER_CALLBACK, "run " + run.runId() + " was not started for this callback");
        }
        String expected = claim.pending() != null && claim.pending().assistantId() != null
                ? claim.pending().assistantId() : cronAssistant.apply(claim.callback());
        if (expected != null && !expected.equals(run.assistantId())) {
            return new Verdict.Refused(Verdict.Reason.OTHER_ASSISTANT, "run " + run.runId() + " runs on assistant "
                    + run.assistantId() + ", expected " + expected);
        }
        return null;
    }

    /** The server's copy: run, values of its thread, interrupts, error. */
    private Verdict complete(Claim claim, Run run) {
        ObjectNode copy = run.json().deepCopy();
        // the server keeps no end time of its own: a finished run's last update is when it reached its final status
        if (!copy.hasNonNull("run_ended_at") && copy.hasNonNull("updated_at")) {
            copy.set("run_ended_at", copy.get("updated_at"));
        }
        JsonNode state = threadState(run.threadId());
        if (state != null) {
            copy.set("values", state.path("values"));
        }
        if (!"success".equals(run.status())) {
            JsonNode error = joinError(run);
            if (error == null) {
                error = postedCancelError(claim, run.status());
            }
            if (error != null) {
                copy.set("error", error);
            }
        }
        JsonNode interrupts = detectInterrupts && "success".equals(run.status()) ? collectInterrupts(state) : null;
        Run confirmed = Run.of(Redaction.redactRun(copy));
        boolean otherStatus = claim.claimedStatus() != null && !claim.claimedStatus().equals(run.status());
        return new Verdict.Confirmed(confirmed, InboxBodies.write(mapper, confirmed.json()), interrupts != null, interrupts,
                otherStatus);
    }

    /**
     * A rollback deletes the run, so the server has no copy left to confirm it with. The one case taken as confirmed:
     * a rollback claimed for the very run this app started under this correlation id, which the server no longer has.
     */
    private static boolean isRollbackOfOurRun(Claim claim) {
        return "rollback".equals(claim.claimedStatus()) && claim.pending() != null
                && claim.runId().equals(claim.pending().runId());
    }

    /** What is known of a rolled-back run without the posted body: its identity as this app recorded it. */
    private Verdict rolledBack(Claim claim) {
        ObjectNode run = mapper.createObjectNode().put("run_id", claim.runId()).put("thread_id", claim.pending().threadId())
                .put("assistant_id", claim.pending().assistantId()).put("status", "rollback");
        JsonNode error = postedCancelError(claim, "rollback");
        if (error != null) {
            run.set("error", error);
        }
        run.putObject("metadata").put(CallbackHub.CORRELATION_METADATA, claim.correlationId());
        Run confirmed = Run.of(run);
        return new Verdict.Confirmed(confirmed, InboxBodies.write(mapper, run), false, null, false);
    }

    /** trustWebhookBody: a body naming a run id and a final status is routed as posted. */
    private Verdict trusted(Claim claim) {
        JsonNode posted = InboxBodies.read(mapper, claim.entry().body());
        if (!(posted instanceof ObjectNode body) || claim.claimedStatus() == null || !posted.hasNonNull("run_id")) {
            return null;
        }
        // the receiver masked only its token before the 2xx: the rest of the redaction happens here, before routing
        Run run = Run.of(Redaction.redactRun(body));
        if (!run.isTerminal()) {
            return null;
        }
        JsonNode interrupts = detectInterrupts && "success".equals(run.status()) && run.threadId() != null
                ? collectInterrupts(threadState(run.threadId())) : null;
        return new Verdict.Confirmed(run, InboxBodies.write(mapper, body), interrupts != null, interrupts, false);
    }

    private JsonNode threadState(String threadId) {
        try {
            return client.getThreadState(threadId);
        } catch (LangGraphApiException e) {
            // a thread deleted after its run (on_completion=delete) has no state left to read
            return null;
        }
    }

    /** The error the server recorded: its join answers {@code {"__error__": {error, message}}} for a failed run. */
    private JsonNode joinError(Run run) {
        try {
            JsonNode joined = client.joinRun(run.threadId(), run.runId());
            return joined == null ? null : joined.get("__error__");
        } catch (LangGraphApiException e) {
            return null;
        }
    }

    /** The posted body's error of a cancelled run, when its class is the one {@code status} implies; else null. */
    private JsonNode postedCancelError(Claim claim, String status) {
        String expected = CANCEL_ERRORS.get(status);
        if (expected == null) {
            return null;
        }
        JsonNode error;
        try {
            error = mapper.readTree(claim.entry().body()).get("error");
        } catch (IOException notJson) {
            return null;
        }
        return error != null && error.isObject() && expected.equals(error.path("error").asText()) ? error : null;
    }

    /** The interrupts of the thread's pending tasks, or null when the thread is not waiting at one. */
    static JsonNode collectInterrupts(JsonNode state) {
        if (state == null || state.path("next").isEmpty()) {
            return null;
        }
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        java.util.Set<String> next = new java.util.HashSet<>();
        state.path("next").forEach(n -> next.add(n.asText()));
        for (JsonNode task : state.path("tasks")) {
            // the JS server keeps listing a resumed task's interrupt while a sibling still waits: only next tasks wait
            if (next.contains(task.path("name").asText())) {
                task.path("interrupts").forEach(all::add);
            }
        }
        // interrupt_before stops at a node without an interrupt() payload: still interrupted
        return all.isEmpty() ? state.path("next") : all;
    }

}
