package io.camellanggraph.app.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.camellanggraph.callback.CallbackCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may change something through the operator view: whoever presents {@code langgraph.admin-token} as
 * {@code Authorization: Bearer <token>}. Compared in constant time (digests of equal length, so neither content nor
 * length leaks through timing). No token configured: read-only, every change refused. Every attempt is audited: one
 * log line on the {@code io.camellanggraph.audit} logger (never with the token) and a counter per action and outcome.
 */
public final class AdminAccess {

    private static final Logger AUDIT = LoggerFactory.getLogger("io.camellanggraph.audit");

    private final byte[] tokenDigest;
    private final CallbackCounters audited = new CallbackCounters();

    public AdminAccess(String adminToken) {
        this.tokenDigest = digest(adminToken);
    }

    /** False: read-only (no admin token configured). */
    public boolean enabled() {
        return tokenDigest != null;
    }

    /** Whether an {@code Authorization} header value carries the admin token. */
    public boolean authorised(String authorization) {
        return bearerMatches(tokenDigest, authorization);
    }

    /** Logs and counts one attempt: {@code action} (replay, run-now), {@code outcome} (ok, unauthorized, read-only, not-found). */
    public void audit(String action, String outcome, String target, String from) {
        audited.increment(action + "." + outcome);
        AUDIT.info("AUDIT action={} outcome={} target={} from={}", action, outcome, printable(target), printable(from));
    }

    /** Counts per {@code <action>.<outcome>} (metrics: langgraph_admin_actions_total). */
    public CallbackCounters counters() {
        return audited;
    }

    /** At most 200 printable characters of what a caller sent, so a log line stays one line. */
    static String printable(String text) {
        if (text == null) {
            return "-";
        }
        String cut = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }

    /** The digest a token is kept as; null for a blank or missing token (none configured). */
    static byte[] digest(String token) {
        return token == null || token.isBlank() ? null : sha256(token.trim());
    }

    /** Whether {@code presented} is the token of {@code tokenDigest}, in constant time; never with no token configured. */
    static boolean matches(byte[] tokenDigest, String presented) {
        return tokenDigest != null && presented != null && MessageDigest.isEqual(tokenDigest, sha256(presented.trim()));
    }

    /** Whether an {@code Authorization} header value is {@code Bearer <the token of tokenDigest>}. */
    static boolean bearerMatches(byte[] tokenDigest, String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && matches(tokenDigest, authorization.substring(7));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
