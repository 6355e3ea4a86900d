package io.camellanggraph.callback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.store.InboxRecord;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.InboxEntry;

/**
 * The receive stage's durable record: a claim (webhook body, or a run found by polling) is written to the inbox
 * under its run's key before anyone is answered, then handed to the {@link ClaimPipeline}. A further claim for a
 * key already recorded is a duplicate: it hurries a pending row's check, and is counted as a security event when it
 * names another outcome than the one already routed.
 */
public final class ClaimIntake {

    /** The source of a claim found by polling the server (runs this app started, cron runs). */
    public static final String POLL = "poll";

    /** Result of {@link #receive}. */
    public enum Acceptance { ACCEPTED, DUPLICATE }

    private final CallbackStore store;
    private final ClaimPipeline pipeline;
    private final ClaimRefusals refusals;
    private final CallbackCounters counters;
    private final ObjectMapper mapper;

    ClaimIntake(CallbackStore store, ClaimPipeline pipeline, ClaimRefusals refusals, CallbackCounters counters,
                ObjectMapper mapper) {
        this.store = store;
        this.pipeline = pipeline;
        this.refusals = refusals;
        this.counters = counters;
        this.mapper = mapper;
    }

    /** Records a claim given as a tree (a run found by polling): redacted, then as {@link #receive(String, String, String, String, String, String)}. */
    public Acceptance receive(String callbackName, String correlationId, ObjectNode body, String source) {
        JsonNode runId = body.get("run_id");
        JsonNode status = body.get("status");
        return receive(callbackName, correlationId, runId == null || runId.isNull() || runId.asText().isBlank() ? null : runId.asText(),
                status == null || status.isNull() ? null : status.asText(), InboxBodies.write(mapper, Redaction.redactRun(body)),
                source);
    }

    /**
     * Records the claim durably (returns once it reached the store) and schedules its confirmation.
     *
     * @param runId  the run the claim names, or null when it names none
     * @param status the status it claims, or null
     * @param body   the claim as JSON text, with the callback's token masked already
     */
    public Acceptance receive(String callbackName, String correlationId, String runId, String status, String body, String source) {
        InboxEntry entry = new InboxEntry(Claim.key(runId, correlationId), callbackName, correlationId, source, body,
                System.currentTimeMillis());
        // a polled run is the server's own answer about a run this app started: it goes ahead of a flood of claims
        boolean fromServer = POLL.equals(source);
        if (store.record(entry)) {
            counters.increment("accepted." + source);
            submit(entry, true, fromServer);
            return Acceptance.ACCEPTED;
        }
        counters.increment("duplicate");
        duplicate(entry, runId, status, fromServer);
        return Acceptance.DUPLICATE;
    }

    private void submit(InboxEntry entry, boolean fresh, boolean fromServer) {
        if (fromServer) {
            pipeline.submitFromServer(entry, fresh);
        } else {
            pipeline.submit(entry, fresh);
        }
    }

    private void duplicate(InboxEntry claim, String runId, String claimed, boolean fromServer) {
        InboxRecord existing = store.find(claim.dedupKey());
        if (existing == null) {
            return;
        }
        if ("pending".equals(existing.state()) || "claimed".equals(existing.state())) {
            // the claim in the store decides who takes it: this instance now, or the live holder of its lease
            submit(existing.entry(), false, fromServer);
            return;
        }
        String routed = InboxBodies.read(mapper, existing.entry().body()).path("status").asText(null);
        if (claimed != null && routed != null && !claimed.equals(routed)) {
            refusals.secondOutcome(new Claim(claim, runId, null, claimed, null), routed);
        }
    }
}
