package io.camellanggraph.app.bridge;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The JMS side of the request-reply bridge ({@code #jmsBridge}, routes/request-reply.camel.yaml), with
 * {@link BridgeRequests} for what both bridges share: a request is known by its {@code JMSReplyTo} and
 * {@code JMSCorrelationID} (else {@code JMSMessageID}) and answered to its {@code JMSReplyTo}, a queue, a topic, or a
 * plain address (a STOMP or AMQP client's reply-to, answered as a queue).
 */
public final class JmsBridge {

    private BridgeRequests requests;

    /** The shared bridge bean ({@code #bean:bridgeRequests}). */
    public void setRequests(BridgeRequests requests) {
        this.requests = requests;
    }

    /** Records the request before its run starts (and before the transacted consumer acknowledges it). */
    public void admit(Exchange exchange) throws JMSException {
        Message in = exchange.getMessage();
        String correlationId = in.getHeader("JMSCorrelationID", String.class);
        String messageId = in.getHeader("JMSMessageID", String.class);
        String key = correlationId == null || correlationId.isBlank() ? messageId : correlationId;
        Destination replyTo = in.getHeader("JMSReplyTo", Destination.class);
        requests.admit(exchange, "jms", key, replyTo == null ? null : endpointPath(replyTo), key, messageId);
    }

    /** A JMS destination as the path of a {@code jms:} endpoint; a plain address is a queue. */
    static String endpointPath(Destination destination) throws JMSException {
        if (destination instanceof Queue queue) {
            return "queue:" + queue.getQueueName();
        }
        if (destination instanceof Topic topic) {
            return "topic:" + topic.getTopicName();
        }
        if (destination instanceof ActiveMQDestination address) {
            // neither queue nor topic (a STOMP reply-to header): an address, answered as a queue
            return "queue:" + address.getAddress();
        }
        throw new IllegalArgumentException("unsupported JMSReplyTo " + destination);
    }
}
