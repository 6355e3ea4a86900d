package io.camellanggraph.app.outputs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import io.camellanggraph.component.LangGraphConstants;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The digest aggregator's group, kept where a persistent aggregation repository keeps it: the body is the list of the
 * outcomes' run JSON, and the header {@value #KEYS} their idempotency keys, comma-separated (the JDBC repository stores
 * body and plain headers, not exchange properties, so the group may not live in a property as Camel's grouped
 * strategies keep it). An outcome whose key is in the group already (redelivered after a crash that came before the
 * digest went out) is not added twice. The keys also name the digest: {@link #digestId(Exchange)}.
 */
public class DigestAggregationStrategy implements AggregationStrategy {

    /** Header of the aggregated exchange: the keys of the outcomes in the digest, comma-separated, in arrival order. */
    public static final String KEYS = "LangGraphDigestKeys";

    @Override
    public Exchange aggregate(Exchange group, Exchange outcome) {
        String key = outcome.getMessage().getHeader(LangGraphConstants.IDEMPOTENCY_KEY, String.class);
        String body = outcome.getMessage().getBody(String.class);
        if (group == null) {
            ArrayList<String> bodies = new ArrayList<>();
            bodies.add(body);
            outcome.getMessage().setBody(bodies);
            outcome.getMessage().setHeader(KEYS, key);
            return outcome;
        }
        Message digest = group.getMessage();
        String keys = digest.getHeader(KEYS, String.class);
        if (!Arrays.asList(keys.split(",")).contains(key)) {
            @SuppressWarnings("unchecked")
            List<String> bodies = digest.getBody(List.class);
            bodies.add(body);
            digest.setHeader(KEYS, keys + "," + key);
        }
        return group;
    }

    /**
     * The digest's identity, the same for the same outcomes in any order: {@code digest-} and the first 128 bits of the
     * SHA-256 of the sorted keys. It names the digest mail ({@code Message-ID}) and its dead letter.
     */
    public static String digestId(Exchange digest) {
        String[] keys = digest.getMessage().getHeader(KEYS, "", String.class).split(",");
        Arrays.sort(keys);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(String.join(",", keys).getBytes(StandardCharsets.UTF_8));
            return "digest-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
