package io.camellanggraph.cron;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.client.LangGraphApiException;
import io.camellanggraph.client.LangGraphClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the server's crons match the ones declared in routes ("crons as code"). A declared cron is found by
 * the metadata this app tags it with ({@code camel_langgraph_app}, {@code camel_langgraph_cron}); it is created
 * when missing, left alone when every field it sends matches the server's copy, PATCHed when only fields the
 * server's {@code CronPatch} takes differ, and deleted and re-created otherwise (assistant, thread,
 * {@code multitask_strategy}, a field removed that PATCH cannot clear, or a server without PATCH). Plan mode
 * computes the same changes and applies none.
 */
public final class CronReconciler {

    public static final String APP_METADATA = "camel_langgraph_app";
    public static final String NAME_METADATA = "camel_langgraph_cron";
    /** The assistant as declared: the server stores a graph name as its assistant UUID, so it is compared here. */
    public static final String ASSISTANT_METADATA = "camel_langgraph_assistant";

    private static final Logger LOG = LoggerFactory.getLogger(CronReconciler.class);
    /** Fields compared with the server's copy: top-level cron fields, then the create payload's fields. */
    private static final List<String> CRON_FIELDS = List.of("schedule", "timezone", "end_time", "enabled", "on_run_completed");
    private static final List<String> PAYLOAD_FIELDS = List.of("input", "webhook", "multitask_strategy", "stream_mode",
            "stream_subgraphs", "stream_resumable", "interrupt_before", "interrupt_after", "durability");
    /** What PATCH /runs/crons/{id} takes: the CronPatch schema of langgraph-api 0.16.7 (no multitask_strategy). */
    private static final Set<String> PATCHABLE = Set.of("schedule", "timezone", "end_time", "input", "metadata", "config",
            "context", "webhook", "interrupt_before", "interrupt_after", "on_run_completed", "enabled", "stream_mode",
            "stream_subgraphs", "stream_resumable", "durability");
    /** The one CronPatch field that takes null ("send null to clear"); any other removed field needs a re-create. */
    private static final String CLEARABLE = "end_time";
    /** Unset in the route means the server's default, so a value left on the server is a change (enabled is always set). */
    private static final Set<String> OWNED_WHEN_UNSET = Set.of("end_time", "timezone", "input", "multitask_strategy",
            "stream_mode", "stream_subgraphs", "stream_resumable", "interrupt_before", "interrupt_after", "durability");
    /** Compared as subsets: the server adds its own keys (config.configurable.cron_id, merged metadata). */
    private static final List<String> PAYLOAD_OBJECT_FIELDS = List.of("config", "context");

    private final LangGraphClient client;
    private final String appName;

    public CronReconciler(LangGraphClient client, String appName) {
        this.client = client;
        this.appName = appName;
    }

    /** Tags a create request as this app's cron {@code name}. */
    public void tag(ObjectNode request, String name) {
        ObjectNode metadata = request.has("metadata") ? (ObjectNode) request.get("metadata") : request.putObject("metadata");
        metadata.put(APP_METADATA, appName);
        metadata.put(NAME_METADATA, name);
        metadata.put(ASSISTANT_METADATA, request.path("assistant_id").asText());
    }

    /**
     * @param desired the full create request (tagged), with {@code thread_id} set for a thread cron
     */
    public CronChange reconcile(String name, ObjectNode desired, boolean plan) {
        List<JsonNode> existing = owned(name);
        String threadId = desired.path("thread_id").asText(null);
        if (existing.isEmpty()) {
            return plan ? new CronChange(name, CronChange.Action.CREATE, null, List.of())
                    : new CronChange(name, CronChange.Action.CREATE, create(threadId, desired), List.of());
        }
        JsonNode current = existing.get(0);
        for (JsonNode duplicate : existing.subList(1, existing.size())) {
            // two crons under one name (e.g. two instances created it at once): one is enough
            if (!plan) {
                client.deleteCron(duplicate.path("cron_id").asText());
            }
        }
        String cronId = current.path("cron_id").asText();
        // PATCH cannot move a cron to another assistant or thread
        List<String> identity = new ArrayList<>(differing(List.of("thread_id"), desired, current));
        if (!desired.path("metadata").path(ASSISTANT_METADATA).equals(current.path("metadata").path(ASSISTANT_METADATA))) {
            identity.add("assistant_id");
        }
        List<String> changed = new ArrayList<>(differing(CRON_FIELDS, desired, current));
        changed.addAll(differing(PAYLOAD_FIELDS, desired, current.path("payload")));
        for (String field : PAYLOAD_OBJECT_FIELDS) {
            if (!isSubset(desired.path(field), current.path("payload").path(field))) {
                changed.add(field);
            }
        }
        if (!isSubset(desired.path("metadata"), current.path("metadata"))) {
            changed.add("metadata");
        }
        if (!identity.isEmpty() || changed.stream().anyMatch(field -> !patchable(field, desired))) {
            identity.addAll(changed);
            return plan ? new CronChange(name, CronChange.Action.REPLACE, cronId, identity)
                    : new CronChange(name, CronChange.Action.REPLACE, replace(cronId, threadId, desired), identity);
        }
        if (changed.isEmpty()) {
            return new CronChange(name, CronChange.Action.UNCHANGED, cronId, List.of());
        }
        if (plan) {
            return new CronChange(name, CronChange.Action.UPDATE, cronId, changed);
        }
        ObjectNode patch = desired.objectNode();
        // a removed end_time goes as an explicit null: the server leaves a field that is absent from the PATCH as it is
        changed.forEach(field -> patch.set(field, desired.hasNonNull(field) ? desired.get(field) : desired.nullNode()));
        try {
            client.updateCron(cronId, patch);
            return new CronChange(name, CronChange.Action.UPDATE, cronId, changed);
        } catch (LangGraphApiException noPatch) {
            // servers before 0.7.21 have no PATCH /runs/crons/{id}
            LOG.info("PATCH of cron '{}' refused ({}); deleting and re-creating it", name, noPatch.getStatusCode());
            return new CronChange(name, CronChange.Action.REPLACE, replace(cronId, threadId, desired), changed);
        }
    }

    /** Deletes crons this app owns whose name no route declares any more. */
    public List<CronChange> prune(Set<String> declaredNames, boolean plan) {
        List<CronChange> changes = new ArrayList<>();
        for (JsonNode cron : search(Map.of(APP_METADATA, appName))) {
            String name = cron.path("metadata").path(NAME_METADATA).asText("");
            if (appName.equals(cron.path("metadata").path(APP_METADATA).asText()) && !declaredNames.contains(name)) {
                if (!plan) {
                    client.deleteCron(cron.path("cron_id").asText());
                }
                changes.add(new CronChange(name, CronChange.Action.DELETE, cron.path("cron_id").asText(), List.of()));
            }
        }
        return changes;
    }

    /** The server's crons this app owns under {@code name} (normally one). */
    public List<JsonNode> owned(String name) {
        List<JsonNode> owned = new ArrayList<>();
        for (JsonNode cron : search(Map.of(APP_METADATA, appName, NAME_METADATA, name))) {
            // servers before 0.9 ignore the metadata filter: check it here as well
            JsonNode metadata = cron.path("metadata");
            if (appName.equals(metadata.path(APP_METADATA).asText()) && name.equals(metadata.path(NAME_METADATA).asText())) {
                owned.add(cron);
            }
        }
        return owned;
    }

    private List<JsonNode> search(Map<String, String> metadata) {
        List<JsonNode> all = new ArrayList<>();
        int offset = 0;
        while (true) {
            ObjectNode query = client.mapper().createObjectNode();
            ObjectNode filter = query.putObject("metadata");
            metadata.forEach(filter::put);
            query.put("limit", 1000).put("offset", offset);
            List<JsonNode> page = client.searchCrons(query);
            all.addAll(page);
            if (page.size() < 1000) {
                return all;
            }
            offset += page.size();
        }
    }

    private String create(String threadId, ObjectNode desired) {
        ObjectNode request = desired.deepCopy();
        request.remove("thread_id");
        return client.createCron(threadId, request).path("cron_id").asText();
    }

    private String replace(String cronId, String threadId, ObjectNode desired) {
        client.deleteCron(cronId);
        return create(threadId, desired);
    }

    private static List<String> differing(List<String> fields, JsonNode desired, JsonNode current) {
        List<String> changed = new ArrayList<>();
        for (String field : fields) {
            JsonNode want = desired.get(field);
            JsonNode have = current.get(field);
            boolean wantNothing = want == null || want.isNull();
            boolean haveNothing = have == null || have.isNull();
            if (wantNothing ? !haveNothing && OWNED_WHEN_UNSET.contains(field) : !want.equals(have) && !sameInstant(want, have)) {
                changed.add(field);
            }
        }
        return changed;
    }

    /** Whether PATCH can bring the server's field to the declared value: one CronPatch takes, and a value or null it takes. */
    private static boolean patchable(String field, JsonNode desired) {
        return PATCHABLE.contains(field) && (desired.hasNonNull(field) || field.equals(CLEARABLE));
    }

    /** end_time comes back normalised (e.g. with +00:00 instead of Z): compare instants, not strings. */
    private static boolean sameInstant(JsonNode a, JsonNode b) {
        if (a == null || b == null || !a.isTextual() || !b.isTextual()) {
            return false;
        }
        try {
            return java.time.OffsetDateTime.parse(a.asText()).toInstant().equals(java.time.OffsetDateTime.parse(b.asText()).toInstant());
        } catch (java.time.format.DateTimeParseException notATime) {
            return false;
        }
    }

    /** Whether every key we declare has the same value on the server (objects compared key by key, recursively). */
    static boolean isSubset(JsonNode desired, JsonNode current) {
        if (desired.isMissingNode() || desired.isNull()) {
            return true;
        }
        if (!desired.isObject()) {
            return desired.equals(current);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!isSubset(entry.getValue(), current.path(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
