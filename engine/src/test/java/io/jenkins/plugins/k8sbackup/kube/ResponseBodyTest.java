package io.jenkins.plugins.k8sbackup.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.http.AsyncBody;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ResponseBodyTest {
    private static final class CountingBody implements AsyncBody {
        int requests;

        @Override
        public void consume() {
            requests++;
        }

        @Override
        public CompletableFuture<Void> done() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void cancel() {}
    }

    @Test
    void collectsEveryChunkInOrderAndAsksForMoreAfterEach() {
        byte[] sent = new byte[300_000]; // past the first guess when no length is given
        new Random(7).nextBytes(sent);
        for (String contentLength : new String[] {null, "300000", "not a number", "12"}) {
            ResponseBody sink = new ResponseBody();
            sink.expect(contentLength);
            CountingBody body = new CountingBody();
            int calls = 0;
            for (int off = 0; off < sent.length; off += 70_000) {
                int end = Math.min(sent.length, off + 70_000);
                int mid = (off + end) / 2; // several buffers in one call, with offsets that are not 0
                ByteBuffer first = ByteBuffer.wrap(sent, off, mid - off);
                ByteBuffer second = ByteBuffer.wrap(sent, mid, end - mid).slice();
                sink.consume(List.of(first, second), body);
                calls++;
            }
            assertThat(sink.bytes()).as("Content-Length %s", contentLength).isEqualTo(sent);
            assertThat(body.requests).isEqualTo(calls);
        }
    }

    @Test
    void anEmptyBodyIsEmpty() {
        ResponseBody sink = new ResponseBody();
        sink.expect("0");
        assertThat(sink.bytes()).isEmpty();
    }

    @Test
    void sizesItsArrayFromContentLengthWhenTheServerGivesOne() {
        assertThat(ResponseBody.initialCapacity("1382132")).isEqualTo(1_382_132);
        assertThat(ResponseBody.initialCapacity(" 17 ")).isEqualTo(17);
        assertThat(ResponseBody.initialCapacity(null)).isEqualTo(64 * 1024);
        assertThat(ResponseBody.initialCapacity("-1")).isEqualTo(64 * 1024);
        assertThat(ResponseBody.initialCapacity("99999999999")).isEqualTo(64 * 1024);
    }
}
