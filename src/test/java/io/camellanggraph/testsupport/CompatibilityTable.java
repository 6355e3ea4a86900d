package io.camellanggraph.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Renders the compatibility table of docs/receiving-and-guarantees.md from what the tests recorded ({@code target/compatibility.json}): one row
 * per {@link Compatibility} value under its group, one column per server. A cell no test filled says "not run".
 */
public final class CompatibilityTable {

    /** The guide that holds the table (README links to it). */
    public static final String GUIDE = "docs/receiving-and-guarantees.md";

    public static final String START = "<!-- compatibility:start (generated from the test run: target/compatibility.json;"
            + " CompatibilityTableIsTheReadmesTest fails the build when it differs) -->";
    public static final String END = "<!-- compatibility:end -->";

    private CompatibilityTable() {
    }

    /** The table as recorded by this build's tests, between its markers. */
    public static String render() throws IOException {
        Path file = Compatibility.file();
        JsonNode recorded = Files.exists(file) ? new ObjectMapper().readTree(file.toFile()) : MissingNode.getInstance();
        StringBuilder table = new StringBuilder(START).append('\n')
                .append("| Operation or behaviour | Python `langgraph dev` (langgraph-api 0.16.7) | JS `langgraphjs dev` (@langchain/langgraph-api 1.5.1) |\n")
                .append("|---|---|---|\n");
        String group = null;
        for (Compatibility row : Compatibility.values()) {
            if (!row.group().equals(group)) {
                group = row.group();
                table.append("| **").append(group).append("** | | |\n");
            }
            table.append("| ").append(row.label());
            for (LangGraphServer.Kind kind : LangGraphServer.Kind.values()) {
                String fixed = row.notApplicable(kind);
                String cell = fixed != null ? fixed : recorded.path(row.name()).path(kind.id()).asText("not run");
                table.append(" | ").append(cell);
            }
            table.append(" |\n");
        }
        return table.append(END).toString();
    }

    /** The guide's table between the markers (both included), or null when it has none. */
    public static String inReadme() throws IOException {
        String readme = Files.readString(LangGraphServer.home().resolve(GUIDE));
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        return start < 0 || end < start ? null : readme.substring(start, end + END.length());
    }
}
