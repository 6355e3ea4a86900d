import java.util.List;

import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.security.AuthenticationUser;
import org.apache.activemq.security.SimpleAuthenticationPlugin;

/**
 * An ActiveMQ Classic broker for scripts/activemq.sh (run as a Java source file on the resolved classpath): persistent
 * (KahaDB in the given directory), AMQP 1.0 and OpenWire connectors on loopback, and, when ACTIVEMQ_USER and
 * ACTIVEMQ_PASSWORD are set, that one login required of every client. Runs until SIGTERM.
 *
 *   java -cp ... ClassicBroker.java <data dir> <amqp port> <openwire port>
 */
public class ClassicBroker {
    public static void main(String[] args) throws Exception {
        BrokerService broker = new BrokerService();
        broker.setBrokerName("classic");
        broker.setDataDirectory(args[0]);
        broker.setPersistent(true);
        broker.setUseJmx(false);
        broker.setAdvisorySupport(false);
        String user = System.getenv("ACTIVEMQ_USER");
        String password = System.getenv("ACTIVEMQ_PASSWORD");
        if (user != null && !user.isBlank()) {
            broker.setPlugins(new BrokerPlugin[] {
                new SimpleAuthenticationPlugin(List.of(new AuthenticationUser(user, password, "users")))});
        }
        broker.addConnector("amqp://127.0.0.1:" + args[1] + "?transport.transformer=jms");
        broker.addConnector("tcp://127.0.0.1:" + args[2]);
        broker.start();
        broker.waitUntilStarted();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.stop();
                broker.waitUntilStopped();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        System.out.println("ActiveMQ Classic broker started");
        System.out.flush();
        broker.waitUntilStopped();
    }
}
