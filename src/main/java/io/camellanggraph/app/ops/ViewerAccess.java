package io.camellanggraph.app.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Who may read the operator page and its JSON API. With {@code langgraph.viewer-token} configured: whoever presents
 * it (or the admin token) as {@code Authorization: Bearer <token>}, or the session cookie the page sets after a
 * {@code ?token=} login. Without one, the view is open only when the management server listens on loopback
 * ({@code camel.management.host}, 127.0.0.1 by default: whoever reaches it is on this machine already); bound to
 * another address without a viewer token, it is refused, so that widening the bind cannot publish it by accident.
 */
final class ViewerAccess {

    static final String COOKIE = "langgraph-viewer";

    private final byte[] viewerDigest;
    private final AdminAccess admin;
    private final boolean loopback;
    /** The cookie's value: random per process, so the token itself is never stored in the browser. */
    private final byte[] session;

    ViewerAccess(String viewerToken, AdminAccess admin, String managementHost) {
        this.viewerDigest = AdminAccess.digest(viewerToken);
        this.admin = admin;
        this.loopback = isLoopback(managementHost);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.session = Base64.getUrlEncoder().withoutPadding().encode(random);
    }

    /** A viewer token is configured (a reader without credentials is asked to log in). */
    boolean tokenRequired() {
        return viewerDigest != null;
    }

    /** Neither a viewer token nor a loopback bind: nobody may read. */
    boolean closed() {
        return viewerDigest == null && !loopback;
    }

    /** Whether the request may read: its {@code Authorization} header, or its {@code Cookie} header's session. */
    boolean readable(String authorization, String cookies) {
        if (viewerDigest == null) {
            return loopback;
        }
        return AdminAccess.bearerMatches(viewerDigest, authorization) || admin.authorised(authorization) || hasSession(cookies);
    }

    /** Whether a {@code ?token=} login presents the viewer (or admin) token. */
    boolean login(String token) {
        return AdminAccess.matches(viewerDigest, token) || (token != null && admin.authorised("Bearer " + token));
    }

    /** The {@code Set-Cookie} value of a session after a login: this path only, never sent to scripts or other sites. */
    String sessionCookie() {
        return COOKIE + "=" + new String(session, StandardCharsets.US_ASCII) + "; Path=" + OperatorHttp.BASE + "/; HttpOnly; SameSite=Strict";
    }

    private boolean hasSession(String cookies) {
        if (cookies == null) {
            return false;
        }
        for (String cookie : cookies.split(";")) {
            String c = cookie.trim();
            if (c.startsWith(COOKIE + "=")
                    && MessageDigest.isEqual(session, c.substring(COOKIE.length() + 1).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLoopback(String host) {
        try {
            return host != null && !host.isBlank() && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
