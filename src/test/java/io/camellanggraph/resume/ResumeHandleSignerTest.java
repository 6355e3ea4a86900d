package io.camellanggraph.resume;

import java.nio.charset.StandardCharsets;

import io.camellanggraph.callback.CallbackTokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Resume handles bind thread, interrupt, callback and expiry under a key of their own; anything else is refused. */
@Tag("fast")
class ResumeHandleSignerTest {

    private static final byte[] SECRET = "resume-handles-test-secret-0123".getBytes(StandardCharsets.UTF_8);
    private final ResumeHandleSigner handles = new ResumeHandleSigner(SECRET);
    private final ResumeHandle handle = new ResumeHandle("0b0f5f1e-thread", "e86023d0ec2fefed8a736d492920ee16", "approvals", 0);

    @Test
    void issuedHandleVerifiesToWhatItBinds() {
        assertThat(handles.verify(handles.issue(handle))).isEqualTo(handle);
        assertThat(new ResumeHandleSigner(SECRET).verify(handles.issue(handle))).as("any instance with the secret").isEqualTo(handle);
    }

    @Test
    void tamperedPayloadOrSignatureOrOtherSecretIsRefused() {
        String issued = handles.issue(handle);
        String otherThread = handles.issue(new ResumeHandle("another-thread", handle.interruptId(), "approvals", 0));
        // the payload of one handle with the signature of another
        assertThat(handles.verify(otherThread.substring(0, otherThread.indexOf('.')) + issued.substring(issued.indexOf('.'))))
                .isNull();
        assertThat(handles.verify(issued.substring(0, issued.length() - 1) + (issued.endsWith("A") ? "B" : "A"))).isNull();
        assertThat(new ResumeHandleSigner("another-secret-of-sixteen-bytes".getBytes(StandardCharsets.UTF_8)).verify(issued)).isNull();
        assertThat(handles.verify("not-a-handle")).isNull();
        assertThat(handles.verify("..")).isNull();
        assertThat(handles.verify(null)).isNull();
    }

    @Test
    void aWebhookTokenUnderTheSameSecretIsNoHandle() {
        String token = new CallbackTokens(SECRET).token("approvals", "cid");
        assertThat(handles.verify("YXBwcm92YWxzCmNpZA." + token)).isNull();
    }

    @Test
    void aHandleWellFormedInEveryFieldButSignedWithTheWebhookKeyIsRefused() {
        // the four fields a handle has, signed the way webhook tokens are (HMAC-SHA256 under the raw webhook secret):
        // only the handles' own derived key tells it apart, not its shape
        byte[] payload = (handle.threadId() + "\n" + handle.interruptId() + "\n" + handle.callback() + "\n" + handle.expiresAt())
                .getBytes(StandardCharsets.UTF_8);
        byte[] webhookKeyMac = CallbackTokens.hmacSha256(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256")).doFinal(payload);
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String underWebhookKey = base64.encodeToString(payload) + "." + base64.encodeToString(webhookKeyMac);

        assertThat(handles.verify(underWebhookKey)).isNull();
        assertThat(handles.issue(handle)).as("the same payload under the handles' key").startsWith(base64.encodeToString(payload) + ".")
                .isNotEqualTo(underWebhookKey);
    }

    @Test
    void expiryIsBoundAndReadBack() {
        ResumeHandle expiring = new ResumeHandle("t", "i", "", 1_000);
        ResumeHandle verified = handles.verify(handles.issue(expiring));
        assertThat(verified.isExpired(999)).isFalse();
        assertThat(verified.isExpired(1_000)).isTrue();
        assertThat(handle.isExpired(Long.MAX_VALUE)).as("0 never expires").isFalse();
    }
}
