package io.camellanggraph.app.outputs;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.camellanggraph.component.LangGraphConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import static io.camellanggraph.app.outputs.RunJson.MAPPER;
import static io.camellanggraph.app.outputs.RunJson.assistant;
import static io.camellanggraph.app.outputs.RunJson.attach;
import static io.camellanggraph.app.outputs.RunJson.duration;
import static io.camellanggraph.app.outputs.RunJson.human;
import static io.camellanggraph.app.outputs.RunJson.indent;
import static io.camellanggraph.app.outputs.RunJson.oneLine;
import static io.camellanggraph.app.outputs.RunJson.pretty;
import static io.camellanggraph.app.outputs.RunJson.preview;

/** The mail outputs: the alert mail of one run a person must look at, and the digest mail of many runs. */
public class ResultMails {

    /** Alert mail for one run: subject and readable body sum it up; the full run JSON is attached; Message-ID from its key. */
    public void alertMail(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        String json = in.getBody(String.class);
        JsonNode run = MAPPER.readTree(json);
        String kind = exchange.getProperty(OutcomeClassifier.RESULT_KIND, run.path("status").asText(), String.class);
        Duration duration = duration(run);
        in.setHeader("Subject", "LangGraph run " + assistant(run) + ": " + kind
                + (duration == null ? "" : " in " + human(duration)) + " (run " + run.path("run_id").asText() + ")");
        StringBuilder body = new StringBuilder();
        summary(body, run, kind, in);
        body.append("\nOutput:\n").append(indent(preview(run.path("values")))).append('\n');
        JsonNode interrupts = run.path("thread_state").path("interrupts");
        if (!interrupts.isMissingNode() && !interrupts.isEmpty()) {
            body.append("\nWaiting for input:\n").append(indent(preview(interrupts))).append('\n');
        }
        body.append("\nThe full run is attached as run-").append(run.path("run_id").asText()).append(".json.\n");
        in.setBody(body.toString());
        in.setHeader("Content-Type", "text/plain; charset=UTF-8");
        attach(exchange, "run-" + run.path("run_id").asText() + ".json", pretty(run));
        // a redelivered alert is the same mail to every client and archive
        in.setHeader("Message-ID", "<" + in.getHeader(LangGraphConstants.IDEMPOTENCY_KEY, String.class) + "@camel-langgraph>");
    }

    /**
     * Digest mail of the runs the aggregator collected: one line per run, all runs attached as a JSON array, and a
     * {@code Message-ID} made of the runs' keys, the same when the same digest is sent again after a crash.
     */
    public void digestMail(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        List<?> bodies = in.getBody(List.class);
        ArrayNode runs = MAPPER.createArrayNode();
        Map<String, Integer> byStatus = new TreeMap<>();
        StringBuilder lines = new StringBuilder();
        for (Object body : bodies) {
            JsonNode run = MAPPER.readTree(body.toString());
            runs.add(run);
            String status = run.path("status").asText();
            byStatus.merge(status, 1, Integer::sum);
            Duration duration = duration(run);
            lines.append(String.format(Locale.ROOT, "%-10s %-12s %-9s %s%s%n", status, assistant(run),
                    duration == null ? "" : human(duration), run.path("run_id").asText(),
                    run.hasNonNull("error") ? "  " + oneLine(run.get("error")) : ""));
        }
        StringBuilder counts = new StringBuilder();
        byStatus.forEach((status, n) -> counts.append(counts.isEmpty() ? "" : ", ").append(n).append(' ').append(status));
        in.setHeader("Subject", "LangGraph digest: " + bodies.size() + " runs (" + counts + ")");
        in.setHeader("Message-ID", "<" + DigestAggregationStrategy.digestId(exchange) + "@camel-langgraph>");
        in.setBody("LangGraph runs since the last digest: " + counts + "\n\n"
                + String.format(Locale.ROOT, "%-10s %-12s %-9s %s%n", "STATUS", "ASSISTANT", "DURATION", "RUN")
                + lines + "\nAll runs are attached as runs.json.\n");
        in.setHeader("Content-Type", "text/plain; charset=UTF-8");
        attach(exchange, "runs.json", MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(runs));
    }

    private static void summary(StringBuilder body, JsonNode run, String kind, Message in) {
        Duration duration = duration(run);
        body.append("Assistant: ").append(assistant(run)).append('\n');
        body.append("Status:    ").append(kind).append('\n');
        body.append("Duration:  ").append(duration == null ? "unknown" : human(duration)).append('\n');
        body.append("Run:       ").append(run.path("run_id").asText()).append('\n');
        body.append("Thread:    ").append(run.path("thread_id").asText("-")).append('\n');
        body.append("Started:   ").append(run.path("run_started_at").asText(run.path("created_at").asText("-"))).append('\n');
        body.append("Ended:     ").append(run.path("run_ended_at").asText(run.path("updated_at").asText("-"))).append('\n');
        String source = in.getHeader(LangGraphConstants.SOURCE, String.class);
        if (source != null) {
            body.append("Via:       ").append(source).append(" (callback ")
                    .append(in.getHeader(LangGraphConstants.CALLBACK, "", String.class)).append(")\n");
        }
        if (run.hasNonNull("error")) {
            body.append("Error:     ").append(oneLine(run.get("error"))).append('\n');
        }
    }
}
