package io.camellanggraph.app.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.camellanggraph.app.outputs.OutputsRepositories;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.TableSizes;
import org.apache.camel.CamelContext;

/**
 * The rows and bytes of every table the app writes, in the callback store's database and in the outputs' one (operator
 * page, {@code status}): what retention keeps bounded. Counted at most once a minute: counting a big table reads it.
 */
final class TableView {

    static final long REFRESH_MILLIS = 60_000;

    private final CamelContext context;
    private final ObjectMapper mapper;
    private final LongSupplier clock;
    private ArrayNode cached;
    private long countedAt;

    TableView(CamelContext context, ObjectMapper mapper, LongSupplier clock) {
        this.context = context;
        this.mapper = mapper;
        this.clock = clock;
    }

    synchronized ArrayNode tables(CallbackStore store) {
        long now = clock.getAsLong();
        if (cached == null || now - countedAt >= REFRESH_MILLIS) {
            ArrayNode tables = mapper.createArrayNode();
            add(tables, "store", store.tableSizes());
            OutputsRepositories outputs = context.getRegistry().findSingleByType(OutputsRepositories.class);
            if (outputs != null) {
                add(tables, "outputs", outputs.tableSizes());
            }
            cached = tables;
            countedAt = now;
        }
        return cached.deepCopy();
    }

    private static void add(ArrayNode tables, String database, List<TableSizes.TableSize> sizes) {
        for (TableSizes.TableSize size : new ArrayList<>(sizes)) {
            tables.addObject().put("database", database).put("table", size.table()).put("rows", size.rows())
                    .put("bytes", size.bytes());
        }
    }
}
