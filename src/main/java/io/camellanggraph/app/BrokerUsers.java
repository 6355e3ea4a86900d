package io.camellanggraph.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.security.auth.Subject;

import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * The embedded broker's logins ({@code jms.embedded.users}): every client connecting over the network, on any protocol,
 * logs in with one of these names and passwords and may then use every address. The app's own in-VM connections log in
 * as {@value #APP_USER} with a random password made per start, which only this JVM knows. Passwords are kept as SHA-256
 * digests, compared in constant time, and never logged or shown by {@link #toString()}.
 */
public final class BrokerUsers implements ActiveMQSecurityManager5 {

    /** The name the app's own in-VM connections act under. */
    static final String APP_USER = "camel-langgraph";

    private final Map<String, byte[]> digests;
    private final String appPassword;

    private BrokerUsers(Map<String, byte[]> digests) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.appPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        this.digests = Collections.unmodifiableMap(digests);
    }

    /**
     * Parses {@code name:password[,name:password...]} (a password may contain {@code :}, not {@code ,}); empty or
     * blank is no users. A malformed entry is refused by its position, without echoing it (it holds a password).
     */
    public static BrokerUsers parse(String spec) {
        Map<String, byte[]> digests = new LinkedHashMap<>();
        if (spec != null && !spec.isBlank()) {
            String[] entries = spec.split(",");
            for (int i = 0; i < entries.length; i++) {
                String entry = entries[i].strip();
                int colon = entry.indexOf(':');
                if (colon <= 0 || colon == entry.length() - 1) {
                    throw new IllegalArgumentException("jms.embedded.users: entry " + (i + 1) + " of " + entries.length
                            + " is not name:password (both non-empty)");
                }
                String name = entry.substring(0, colon);
                if (name.equals(APP_USER)) {
                    throw new IllegalArgumentException("jms.embedded.users: " + APP_USER + " is the app's own login; choose another name");
                }
                digests.put(name, digest(entry.substring(colon + 1)));
            }
        }
        return new BrokerUsers(digests);
    }

    public boolean isEmpty() {
        return digests.isEmpty();
    }

    /** The password of the app's own in-VM login ({@value #APP_USER}). */
    String appPassword() {
        return appPassword;
    }

    /** The user names (what may be logged). */
    public Set<String> names() {
        return digests.keySet();
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        return validateUser(user, password) ? subject(user) : null;
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        // every user may do everything: the logins keep strangers out, they do not partition the broker
        return subject != null;
    }

    @Override
    public boolean validateUser(String user, String password) {
        if (user == null || password == null) {
            return false;
        }
        byte[] expected = APP_USER.equals(user) ? digest(appPassword) : digests.get(user);
        // the digest is computed for unknown users too, so a wrong name costs the same as a wrong password
        byte[] given = digest(password);
        return expected != null && MessageDigest.isEqual(expected, given);
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return validateUser(user, password);
    }

    @Override
    public String getUserFromSubject(Subject subject) {
        // Artemis asks for a refused login too (subject null)
        return subject == null ? null : subject.getPrincipals(UserPrincipal.class).stream().map(UserPrincipal::getName).findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return "BrokerUsers" + names();
    }

    private static Subject subject(String user) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        return subject;
    }

    private static byte[] digest(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
