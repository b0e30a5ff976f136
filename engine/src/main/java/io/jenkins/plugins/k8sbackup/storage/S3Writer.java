package io.jenkins.plugins.k8sbackup.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.BlockingOutputStreamAsyncRequestBody;
import software.amazon.awssdk.core.async.BufferedSplittableAsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.utils.CancellableOutputStream;

/**
 * Streams one object of unknown length into S3. The SDK's multipart client sends a single PutObject when the
 * stream ends within the first part, otherwise a multipart upload that only becomes an object on
 * CompleteMultipartUpload, i.e. inside {@link #close()}. Any failure before that leaves no object.
 */
final class S3Writer extends StorageWriter {
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(30);
    /** How long abort() waits for the SDK to abort the multipart upload it started. */
    private static final long ABORT_WAIT_SECONDS = 30;

    private enum State { OPEN, CLOSED, FAILED, ABORTED }

    private final S3AsyncClient client;
    private final String bucket;
    private final String fullKey;
    private final String key;
    private final S3Errors errors;
    private final CompletableFuture<PutObjectResponse> upload;
    private final CancellableOutputStream body;
    private final OutputStream out;
    private long count;
    private State state = State.OPEN;
    private StorageException failure;

    S3Writer(S3AsyncClient client, String bucket, String fullKey, String key, S3Errors errors) {
        this.client = client;
        this.bucket = bucket;
        this.fullKey = fullKey;
        this.key = key;
        this.errors = errors;
        BlockingOutputStreamAsyncRequestBody requestBody = BlockingOutputStreamAsyncRequestBody.builder()
                .contentLength(null).subscribeTimeout(SUBSCRIBE_TIMEOUT).build();
        // Buffered splitting keeps each part (and a small single PutObject) replayable, so the SDK can retry a
        // request whose connection dropped; a bare streaming body fails with "Multiple subscribers detected".
        this.upload = client.putObject(b -> b.bucket(bucket).key(fullKey),
                BufferedSplittableAsyncRequestBody.create(requestBody));
        this.body = requestBody.outputStream();
        // Fewer, larger chunks for the publisher; the SDK copies them into its part buffers.
        this.out = new BufferedOutputStream(body, 1 << 16);
    }

    @Override
    public void write(int b) throws IOException {
        checkWritable();
        try {
            out.write(b);
        } catch (RuntimeException e) {
            throw fail(e);
        }
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        checkWritable();
        try {
            out.write(b, off, len);
        } catch (RuntimeException e) {
            throw fail(e);
        }
        count += len;
    }

    @Override
    public long bytesWritten() {
        return count;
    }

    private void checkWritable() throws IOException {
        if (state == State.FAILED) {
            throw failure;
        }
        if (state != State.OPEN) {
            throw new IOException("writer for '" + key + "' is already " + state.name().toLowerCase());
        }
        if (upload.isDone()) {
            // Only a failure ends the upload before close(); say so now rather than after gigabytes more.
            throw fail(upload.handle((r, e) -> e != null ? e : new IllegalStateException("upload ended before close")).join());
        }
    }

    /** Records the first failure, with the upload's own cause when it has one (it is more telling). */
    private StorageException fail(Throwable writeError) {
        if (failure == null) {
            Throwable cause = writeError;
            try {
                upload.get(ABORT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception uploadError) {
                cause = uploadError;
            }
            failure = new StorageException("could not store '" + key + "': "
                    + errors.reason("upload it", cause), cause);
        }
        state = State.FAILED;
        return failure;
    }

    @Override
    public void close() throws IOException {
        if (state == State.FAILED) {
            throw failure;
        }
        if (state != State.OPEN) {
            return;
        }
        if (count == 0) {
            storeEmpty();
            return;
        }
        try {
            out.flush();
            body.close();
        } catch (RuntimeException e) {
            throw fail(e);
        }
        try {
            upload.join();
        } catch (RuntimeException e) {
            throw fail(e);
        }
        state = State.CLOSED;
    }

    /**
     * An empty object as a plain PutObject of known length: the SDK of the Jenkins aws-java-sdk2 plugins (2.33.x)
     * fails an empty streaming body in its multipart path with a NullPointerException. Nothing was sent yet, so the
     * streaming upload is cancelled first.
     */
    private void storeEmpty() throws IOException {
        body.cancel();
        upload.cancel(true);
        try {
            client.putObject(b -> b.bucket(bucket).key(fullKey), AsyncRequestBody.empty()).join();
        } catch (RuntimeException e) {
            failure = new StorageException("could not store '" + key + "': " + errors.reason("upload it", e), e);
            state = State.FAILED;
            throw failure;
        }
        state = State.CLOSED;
    }

    @Override
    public void abort() {
        if (state == State.CLOSED || state == State.ABORTED) {
            return;
        }
        state = State.ABORTED;
        // An error signal (not completion) makes the SDK abort its multipart upload instead of completing it.
        body.cancel();
        try {
            upload.get(ABORT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception expected) {
            // the cancellation itself
        }
        abortLeftoverUploads();
    }

    /**
     * The SDK aborts what it started, but not when that request failed too; leftover parts cost money and
     * show up in listMultipartUploads. Best effort: the store may be the thing that died.
     */
    private void abortLeftoverUploads() {
        try {
            for (MultipartUpload u : client.listMultipartUploads(b -> b.bucket(bucket).prefix(fullKey))
                    .get(ABORT_WAIT_SECONDS, TimeUnit.SECONDS).uploads()) {
                if (u.key().equals(fullKey)) {
                    client.abortMultipartUpload(b -> b.bucket(bucket).key(fullKey).uploadId(u.uploadId()))
                            .get(ABORT_WAIT_SECONDS, TimeUnit.SECONDS);
                }
            }
        } catch (Exception ignored) {
            // nothing became an object: an unfinished multipart upload is never visible as one
        }
    }
}
