package io.camellanggraph.resume;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.camellanggraph.callback.CallbackTokens;

/**
 * Issues and verifies resume handles: {@code base64url(thread \n interrupt \n callback \n expiresAt) . base64url(mac)},
 * the mac an HMAC-SHA256 under a key derived from the webhook secret for this one purpose (so a webhook token is never
 * a valid handle, nor the other way round). Stateless like the webhook tokens: any instance sharing the secret
 * verifies any handle; compared in constant time. A handle is a credential: never log it.
 */
public final class ResumeHandleSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] PURPOSE = "camel-langgraph resume handle v1".getBytes(StandardCharsets.UTF_8);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final ThreadLocal<Mac> macs;

    public ResumeHandleSigner(byte[] webhookSecret) {
        if (webhookSecret == null || webhookSecret.length < 16) {
            throw new IllegalArgumentException("the webhook secret must be at least 16 bytes");
        }
        // a key of its own, derived from the webhook secret: a resume handle is never a valid webhook token
        SecretKeySpec derived = new SecretKeySpec(CallbackTokens.hmacSha256(new SecretKeySpec(webhookSecret.clone(), ALGORITHM))
                .doFinal(PURPOSE), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> CallbackTokens.hmacSha256(derived));
    }

    public String issue(ResumeHandle handle) {
        byte[] payload = (handle.threadId() + "\n" + handle.interruptId() + "\n" + handle.callback() + "\n"
                + handle.expiresAt()).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(macs.get().doFinal(payload));
    }

    /** The handle's content, or null when it is malformed, tampered with or signed with another secret. */
    public ResumeHandle verify(String handle) {
        if (handle == null || handle.length() > 1024) {
            return null;
        }
        int dot = handle.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            byte[] payload = DECODER.decode(handle.substring(0, dot));
            byte[] presented = DECODER.decode(handle.substring(dot + 1));
            if (!MessageDigest.isEqual(macs.get().doFinal(payload), presented)) {
                return null;
            }
            String[] fields = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
            if (fields.length != 4) {
                return null;
            }
            return new ResumeHandle(fields[0], fields[1], fields[2], Long.parseLong(fields[3]));
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
