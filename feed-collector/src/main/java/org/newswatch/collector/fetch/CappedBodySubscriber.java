package org.newswatch.collector.fetch;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.net.http.HttpResponse.BodySubscriber;

/**
 * Collects a response body as it streams in and stops the transfer as soon as it passes {@code cap} bytes, so
 * an endless body costs at most the cap (plus one network chunk) in memory. Past the cap, the body either fails
 * with {@link BodyTooLargeException} or, for bodies we only glance at (error pages), ends truncated.
 */
final class CappedBodySubscriber implements BodySubscriber<byte[]> {

    /** The body passed the cap. */
    static final class BodyTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(long cap) {
            super("the body is larger than " + cap + " bytes");
        }
    }

    private final long cap;
    private final boolean failOnOverflow;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private final long declaredLength;

    /**
     * @param declaredLength the Content-Length the server announced, or -1: a body announced past the cap is
     *                       refused before a byte of it is read
     */
    CappedBodySubscriber(long cap, boolean failOnOverflow, long declaredLength) {
        this.cap = cap;
        this.failOnOverflow = failOnOverflow;
        this.declaredLength = declaredLength;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (failOnOverflow && declaredLength > cap) {
            subscription.cancel();
            result.completeExceptionally(new BodyTooLargeException(cap));
            return;
        }
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer chunk : buffers) {
            int room = (int) Math.min(Integer.MAX_VALUE, cap - buffer.size());
            if (chunk.remaining() > room) {
                subscription.cancel();
                if (failOnOverflow) {
                    result.completeExceptionally(new BodyTooLargeException(cap));
                } else {
                    copy(chunk, room);
                    result.complete(buffer.toByteArray());
                }
                return;
            }
            copy(chunk, chunk.remaining());
        }
    }

    private void copy(ByteBuffer chunk, int length) {
        byte[] bytes = new byte[length];
        chunk.get(bytes);
        buffer.write(bytes, 0, length);
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }
}
