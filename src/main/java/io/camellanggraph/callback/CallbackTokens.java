package io.camellanggraph.callback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-run webhook tokens: {@code HMAC-SHA256(secret, callbackName + "\n" + correlationId)}, URL-safe Base64.
 * Stateless (any instance sharing the secret verifies any token) and compared in constant time. A token is
 * bound to its callback name, so the token of one callback cannot deliver into another.
 */
public final class CallbackTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;
    /** Mac instances are not thread-safe and costly to look up: one per thread, keyed once. */
    private final ThreadLocal<Mac> macs;

    public CallbackTokens(byte[] secret) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("the webhook secret must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> hmacSha256(key));
    }

    public String token(String callbackName, String correlationId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(callbackName, correlationId));
    }

    public boolean verify(String callbackName, String correlationId, String token) {
        if (correlationId == null || token == null) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(mac(callbackName, correlationId), presented);
    }

    private byte[] mac(String callbackName, String correlationId) {
        return macs.get().doFinal((callbackName + "\n" + correlationId).getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh HMAC-SHA256 over {@code key} (a {@link Mac} is not thread-safe: one per thread). */
    public static Mac hmacSha256(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
