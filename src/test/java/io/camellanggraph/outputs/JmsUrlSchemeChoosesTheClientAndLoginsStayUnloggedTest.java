package io.camellanggraph.outputs;

import io.camellanggraph.app.BrokerUsers;
import io.camellanggraph.app.ExternalBroker;
import io.camellanggraph.app.ExternalBroker.Client;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Without any broker: {@code jms.url}'s scheme picks the client (AMQP 1.0 through Qpid JMS, or Artemis CORE), behind
 * a pool; a scheme neither speaks is refused with the ones that work; what may be logged of a URL has no password;
 * {@code jms.embedded.users} is parsed without ever showing a password.
 */
@Tag("fast")
class JmsUrlSchemeChoosesTheClientAndLoginsStayUnloggedTest {

    @Test
    void schemeChoosesTheClient() {
        assertThat(ExternalBroker.clientFor("amqp://mq:5672")).isEqualTo(Client.AMQP);
        assertThat(ExternalBroker.clientFor("AMQPS://mq:5671?transport.trustAll=true")).isEqualTo(Client.AMQP);
        assertThat(ExternalBroker.clientFor("amqpwss://mq:443")).isEqualTo(Client.AMQP);
        assertThat(ExternalBroker.clientFor("failover:(amqp://a:5672,amqp://b:5672)")).isEqualTo(Client.AMQP);
        assertThat(ExternalBroker.clientFor("tcp://mq:61616")).isEqualTo(Client.ARTEMIS_CORE);
        assertThat(ExternalBroker.clientFor("(tcp://a:61616,tcp://b:61616)?ha=true")).isEqualTo(Client.ARTEMIS_CORE);

        JmsPoolConnectionFactory pool = ExternalBroker.connectionFactory("amqp://mq:5672", "flow", "pw", 3);
        assertThat(pool.getConnectionFactory()).isInstanceOf(JmsConnectionFactory.class);
        assertThat(pool.getMaxConnections()).isEqualTo(3);
        pool.stop();
    }

    @Test
    void unknownSchemeIsRefusedWithTheOnesThatWorkAndWithoutThePassword() {
        assertThatThrownBy(() -> ExternalBroker.clientFor("stomp://flow:hunter2@mq:61613"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amqp://").hasMessageContaining("tcp://")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void loggableUrlHasNoPassword() {
        assertThat(ExternalBroker.withoutUserInfo("amqps://flow:hunter2@mq:5671")).isEqualTo("amqps://***@mq:5671");
        assertThat(ExternalBroker.withoutUserInfo("amqp://mq:5672?jms.username=flow&jms.password=hunter2&amqp.idleTimeout=0"))
                .doesNotContain("hunter2").contains("jms.username=flow").contains("amqp.idleTimeout=0");
    }

    @Test
    void brokerUsersAreParsedWithoutShowingAPassword() {
        BrokerUsers users = BrokerUsers.parse(" flow:s3cret , ops:pa:ss ");
        assertThat(users.names()).containsExactly("flow", "ops");
        assertThat(users.validateUser("ops", "pa:ss")).isTrue();
        assertThat(users.validateUser("flow", "wrong")).isFalse();
        assertThat(users.validateUser("nobody", "s3cret")).isFalse();
        assertThat(users.toString()).doesNotContain("s3cret").doesNotContain("pa:ss");
        assertThat(BrokerUsers.parse("").isEmpty()).isTrue();
        assertThatThrownBy(() -> BrokerUsers.parse("flow:ok,secret-without-name"))
                .hasMessageContaining("entry 2 of 2").hasMessageNotContaining("secret-without-name");
        assertThatThrownBy(() -> BrokerUsers.parse("camel-langgraph:x")).hasMessageContaining("the app's own login");
    }
}
