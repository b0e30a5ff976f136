package io.jenkins.plugins.k8sbackup.kube;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * A response read whole into one array, sized by Content-Length when the server gives it. fabric8's own
 * {@code byte[]} body handler keeps every network chunk in a synchronised linked list and copies them all again
 * at the end; for list pages of a megabyte or more that was a good part of the HTTP thread's time.
 * Chunks arrive one after the other on the client's I/O thread; the array is read only once the body is done.
 */
final class ResponseBody implements AsyncBody.Consumer<List<ByteBuffer>> {
    private static final int UNKNOWN_LENGTH_START = 64 * 1024;

    private byte[] bytes = new byte[0];
    private int length;

    record Response(int code, byte[] body) {}

    static Response get(HttpClient http, HttpRequest request) throws InterruptedException, ExecutionException {
        ResponseBody sink = new ResponseBody();
        HttpResponse<AsyncBody> response = http.consumeBytes(request, sink).get();
        sink.expect(response.header("Content-Length"));
        response.body().consume(); // headers are in; start the body
        response.body().done().get();
        return new Response(response.code(), sink.bytes());
    }

    void expect(String contentLength) {
        bytes = new byte[initialCapacity(contentLength)];
    }

    byte[] bytes() {
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }

    static int initialCapacity(String contentLength) {
        if (contentLength != null) {
            try {
                long n = Long.parseLong(contentLength.trim());
                if (n >= 0 && n < Integer.MAX_VALUE - 8) {
                    return (int) n;
                }
            } catch (NumberFormatException ignored) {
                // not a length: grow as the chunks come
            }
        }
        return UNKNOWN_LENGTH_START;
    }

    @Override
    public void consume(List<ByteBuffer> chunks, AsyncBody body) {
        for (ByteBuffer chunk : chunks) {
            int n = chunk.remaining();
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + n, Math.max(2 * bytes.length, UNKNOWN_LENGTH_START)));
            }
            chunk.get(bytes, length, n);
            length += n;
        }
        body.consume();
    }
}
