package org.newswatch.gateway.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * One connected client. Until its replay is sent, live events wait in a bounded list; afterwards they go straight
 * to its emitter, whose own bounded buffer drops the client when it does not keep up. An event is never sent twice
 * nor out of order: the client remembers the last id it sent.
 */
final class StreamClient {

    private final MultiEmitter<? super StreamEvent> emitter;
    private final Set<String> topics;
    private final int buffer;
    private long lastSent;
    private List<StreamEvent> waiting = new ArrayList<>();

    StreamClient(MultiEmitter<? super StreamEvent> emitter, Set<String> topics, long lastEventId, int buffer) {
        this.emitter = emitter;
        this.topics = topics;
        this.lastSent = lastEventId;
        this.buffer = buffer;
    }

    Set<String> topics() {
        return topics;
    }

    synchronized void offer(StreamEvent event) {
        if (!event.isFor(topics) || emitter.isCancelled()) {
            return;
        }
        if (waiting == null) {
            send(event);
        } else if (waiting.size() < buffer) {
            waiting.add(event);
        } else {
            emitter.fail(new SlowClientException(buffer));
        }
    }

    /** Sends the replayed events, then those that arrived meanwhile; from now on events go straight out. */
    synchronized void replayed(List<StreamEvent> replay, boolean truncated) {
        if (truncated) {
            emitter.emit(StreamEvent.TRUNCATED);
        }
        replay.forEach(this::send);
        waiting.forEach(this::send);
        waiting = null;
    }

    synchronized void fail(Throwable failure) {
        emitter.fail(failure);
    }

    private void send(StreamEvent event) {
        if (event.seq() > lastSent) {
            lastSent = event.seq();
            emitter.emit(event);
        }
    }

    /** Ends the stream of a client that let too many events pile up. */
    static final class SlowClientException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SlowClientException(int buffer) {
            super("the client read too slowly: " + buffer + " events waited for it");
        }
    }
}
