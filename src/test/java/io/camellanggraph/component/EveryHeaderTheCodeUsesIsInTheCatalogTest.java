package io.camellanggraph.component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog is complete: every {@code CamelLangGraph*} header the code, the shipped routes, the kamelets and the
 * documented patterns read or write, and every producer option read from a header ({@code RunRequests}), is in the
 * generated {@code langgraph.json} (so it has its {@code @Metadata} in {@link LangGraphConstants}).
 */
@Tag("fast")
class EveryHeaderTheCodeUsesIsInTheCatalogTest {

    private static final Pattern LITERAL = Pattern.compile("CamelLangGraph[A-Z]\\w*");
    /** Producer options read as headers: {@code requests.text("threadId", ...)}, {@code json(...)}, {@code required(...)}. */
    private static final Pattern OPTION = Pattern.compile("(?:text|json|required\\(requests,) ?\\(?\"([a-z]\\w*)\"");

    @Test
    void everyHeaderTheCodeUsesIsInTheCatalog() throws IOException {
        JsonNode catalog = new ObjectMapper().readTree(
                Path.of("src/generated/resources/META-INF/io/camellanggraph/component/langgraph.json").toFile());
        Set<String> catalogued = new TreeSet<>();
        catalog.path("headers").fieldNames().forEachRemaining(catalogued::add);

        Set<String> used = new TreeSet<>();
        for (Path file : sources()) {
            String text = read(file);
            Matcher literal = LITERAL.matcher(text);
            while (literal.find()) {
                used.add(literal.group());
            }
            if (file.toString().endsWith("LangGraphProducer.java")) {
                Matcher option = OPTION.matcher(text);
                while (option.find()) {
                    used.add(RunRequests.headerName(option.group(1)));
                }
            }
        }

        assertThat(used).as("headers found in the sources").hasSizeGreaterThan(20).contains("CamelLangGraphIdempotencyKey");
        assertThat(catalogued).containsAll(used);
    }

    private static Set<Path> sources() throws IOException {
        Set<Path> files = new TreeSet<>();
        for (String root : new String[] {"src/main/java", "src/main/resources/kamelets", "routes", "docs/patterns"}) {
            Path dir = Path.of(root);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".yaml")).forEach(files::add);
                }
            }
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
