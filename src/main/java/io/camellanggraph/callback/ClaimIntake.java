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

    /** Result of {@link #receive}. */
    public enum Acceptance { ACCEPTED, DUPLICATE }

    private final CallbackStore store;
    private final ClaimPipeline pipeline;
    private final CallbackCounters counters;
    private final ObjectMapper mapper;

    public ClaimIntake(CallbackStore store, ClaimPipeline pipeline, CallbackCounters counters, ObjectMapper mapper) {
        this.store = store;
        this.pipeline = pipeline;
        this.counters = counters;
        this.mapper = mapper;
    }

    /** Records the claim durably (returns once it reached the store) and schedules its confirmation. */
    public Acceptance receive(String callbackName, String correlationId, ObjectNode body, String source) {
        JsonNode runId = body.get("run_id");
        String key = Claim.key(runId == null || runId.isNull() || runId.asText().isBlank() ? null : runId.asText(), correlationId);
        InboxEntry entry = new InboxEntry(key, callbackName, correlationId, source,
                InboxBodies.write(mapper, Redaction.redactRun(body)), System.currentTimeMillis());
        if (store.record(entry)) {
            counters.increment("accepted." + source);
            pipeline.submit(entry, true);
            return Acceptance.ACCEPTED;
        }
        counters.increment("duplicate");
        duplicate(entry, body);
        return Acceptance.DUPLICATE;
    }

    private void duplicate(InboxEntry claim, JsonNode body) {
        InboxRecord existing = store.find(claim.dedupKey());
        if (existing == null) {
            return;
        }
        if ("pending".equals(existing.state()) || "claimed".equals(existing.state())) {
            // the claim in the store decides who takes it: this instance now, or the live holder of its lease
            pipeline.submit(existing.entry(), false);
            return;
        }
        String claimed = body.path("status").asText(null);
        String routed = InboxBodies.read(mapper, existing.entry().body()).path("status").asText(null);
        if (claimed != null && routed != null && !claimed.equals(routed)) {
            pipeline.refuseSecondOutcome(Claim.of(claim, body, null), routed);
        }
    }

}
