package io.jenkins.plugins.k8sbackup.etcd;

import io.etcd.jetcd.maintenance.SnapshotResponse;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands snapshot chunks from jetcd's event-loop thread to the caller's thread through a bounded queue.
 * jetcd's own {@code snapshot(OutputStream)} writes on the event loop and keeps going after a write
 * failed; here storage (which may block on an upload) runs on the caller, memory stays bounded, a full
 * queue holds the event loop back (and gRPC flow control holds etcd back), and {@link #cancel()} releases it.
 */
final class SnapshotStream implements StreamObserver<SnapshotResponse> {
    private static final Object END = new Object();
    private final BlockingQueue<Object> queue;
    private volatile boolean cancelled;

    SnapshotStream(int capacityChunks) {
        this.queue = new ArrayBlockingQueue<>(capacityChunks);
    }

    @Override
    public void onNext(SnapshotResponse chunk) {
        put(chunk.getBlob().toByteArray());
    }

    @Override
    public void onError(Throwable t) {
        put(t);
    }

    @Override
    public void onCompleted() {
        put(END);
    }

    private void put(Object item) {
        try {
            while (!cancelled && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // wait for the consumer, unless it gave up
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes every chunk to {@code out} until etcd ends the stream; throws what the stream or the sink threw. */
    long drainTo(OutputStream out, Duration idleTimeout, EtcdConnection c) throws IOException {
        long bytes = 0;
        try {
            while (true) {
                Object item = queue.poll(idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
                if (item == null) {
                    throw new EtcdSnapshotException("etcd at " + c.endpoints() + " sent no snapshot data for "
                            + idleTimeout.toSeconds() + " s; giving up");
                }
                if (item == END) {
                    return bytes;
                }
                if (item instanceof Throwable t) {
                    throw EtcdClients.explain(t, c, "streaming the snapshot after " + bytes + " bytes");
                }
                byte[] chunk = (byte[]) item;
                out.write(chunk);
                bytes += chunk.length;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdSnapshotException("snapshot interrupted after " + bytes + " bytes", e);
        }
    }

    void cancel() {
        cancelled = true;
        queue.clear();
    }
}
