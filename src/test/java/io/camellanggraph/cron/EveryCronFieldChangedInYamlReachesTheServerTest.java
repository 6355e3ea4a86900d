package io.camellanggraph.cron;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Each field a cron route sends, changed (or removed) in YAML, against the real Python server: plan mode first names
 * the change exactly and leaves the server as it was, then a start applies it, by PATCH for what the server's
 * CronPatch takes and by re-creation for the rest, and the server's cron holds the new value.
 */
class EveryCronFieldChangedInYamlReachesTheServerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String NAME = "fields";
    private final CronsAsCodeApp crons = new CronsAsCodeApp(LangGraphServer.python());
    private CamelContext context;

    @AfterEach
    void deleteTheTestsCrons() throws Exception {
        if (context != null) {
            context.stop();
        }
        crons.deleteAll();
    }

    /** field changed, options before, options after, how it is applied, where the server keeps it, its value after. */
    static Stream<Arguments> changes() {
        return Stream.of(
                arguments("interrupt_before", Map.of(), Map.of("interruptBefore", "echo"), CronChange.Action.UPDATE,
                        "/payload/interrupt_before", "[\"echo\"]"),
                arguments("interrupt_after", Map.of("interruptAfter", "echo"), Map.of("interruptAfter", "*"), CronChange.Action.UPDATE,
                        "/payload/interrupt_after", "\"*\""),
                arguments("stream_subgraphs", Map.of(), Map.of("streamSubgraphs", "true"), CronChange.Action.UPDATE,
                        "/payload/stream_subgraphs", "true"),
                arguments("stream_resumable", Map.of("streamResumable", "false"), Map.of("streamResumable", "true"),
                        CronChange.Action.UPDATE, "/payload/stream_resumable", "true"),
                arguments("stream_mode", Map.of("streamMode", "values"), Map.of("streamMode", "values,updates"),
                        CronChange.Action.UPDATE, "/payload/stream_mode", "[\"values\",\"updates\"]"),
                arguments("durability", Map.of(), Map.of("durability", "exit"), CronChange.Action.UPDATE,
                        "/payload/durability", "\"exit\""),
                arguments("end_time", Map.of("endTime", "2099-01-01T00:00:00Z"), Map.of(), CronChange.Action.UPDATE,
                        "/end_time", "null"),
                // CronPatch takes no null for these: removing them needs a new cron
                arguments("interrupt_before", Map.of("interruptBefore", "echo"), Map.of(), CronChange.Action.REPLACE,
                        "/payload/interrupt_before", null),
                arguments("timezone", Map.of("timezone", "Europe/Berlin"), Map.of(), CronChange.Action.REPLACE,
                        "/payload/timezone", null),
                // not in CronPatch at all
                arguments("multitask_strategy", Map.of("threadId", "THREAD", "multitaskStrategy", "enqueue"),
                        Map.of("threadId", "THREAD", "multitaskStrategy", "reject"), CronChange.Action.REPLACE,
                        "/payload/multitask_strategy", "\"reject\""));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2} is a {3}")
    @MethodSource("changes")
    void aChangedFieldIsPlannedThenApplied(String field, Map<String, String> before, Map<String, String> after,
            CronChange.Action action, String pointer, String expected) throws Exception {
        String threadId = before.containsKey("threadId") ? newThread() : null;
        context = crons.start(route(before, threadId), false, false, e -> { });
        JsonNode created = crons.serverCron(context, NAME);
        String cronId = created.path("cron_id").asText();
        context.stop();

        context = crons.start(route(after, threadId), false, true, e -> { });
        assertThat(CronsAsCodeApp.changeOf(context, NAME))
                .hasToString(action + " cron '" + NAME + "' (" + cronId + ") fields [" + field + "]");
        assertThat(crons.serverCron(context, NAME).at(pointer)).isEqualTo(created.at(pointer));
        context.stop();

        context = crons.start(route(after, threadId), false, false, e -> { });
        CronChange applied = CronsAsCodeApp.changeOf(context, NAME);
        assertThat(applied.action()).isEqualTo(action);
        assertThat(applied.fields()).containsExactly(field);
        JsonNode now = crons.serverCron(context, NAME);
        assertThat(now.path("cron_id").asText()).isEqualTo(action == CronChange.Action.UPDATE ? cronId : applied.cronId());
        if (expected == null) {
            assertThat(now.at(pointer).isMissingNode()).as(pointer + " in " + now).isTrue();
        } else {
            assertThat(now.at(pointer)).as(pointer + " in " + now).isEqualTo(MAPPER.readTree(expected));
        }
        context.stop();

        // the server now matches the route
        context = crons.start(route(after, threadId), false, false, e -> { });
        assertThat(CronsAsCodeApp.changeOf(context, NAME).action()).isEqualTo(CronChange.Action.UNCHANGED);
    }

    private String route(Map<String, String> options, String threadId) {
        Map<String, String> parameters = new LinkedHashMap<>(Map.of("assistantId", "echo", "schedule", "0 3 * * *",
                "input", "{\"text\": \"fields\"}"));
        options.forEach((option, value) -> parameters.put(option, value.equals("THREAD") ? threadId : value));
        return CronsAsCodeApp.cronRoute(NAME, parameters);
    }

    private String newThread() throws Exception {
        CamelContext empty = crons.start("", false, false, e -> { });
        try {
            return empty.createProducerTemplate().request("langgraph:createThread", e -> e.getMessage().setBody("{}"))
                    .getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class);
        } finally {
            empty.stop();
        }
    }
}
