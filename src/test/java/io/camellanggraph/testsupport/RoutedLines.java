package io.camellanggraph.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the test routes (src/test/resources/routes/durability.camel.yaml) appended to {@code routed.jsonl}: the
 * run id of each delivery, in order, a redelivery appearing twice.
 */
public final class RoutedLines {

    private static final Pattern RUN_ID = Pattern.compile("\"run_id\": ?\"([^\"]+)\"");

    private RoutedLines() {
    }

    public static List<String> runIds(Path outDir) throws IOException {
        Path routed = outDir.resolve("routed.jsonl");
        if (!Files.exists(routed)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher m = RUN_ID.matcher(Files.readString(routed));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
