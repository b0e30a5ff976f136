package io.jenkins.plugins.k8sbackup.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How often a refused call is tried: what may pass on a later try, and how long a caller waits for what will not. */
class ApiCallerTest {
    private final ApiCaller caller = new ApiCaller(new RateLimiter(10_000, 1_000), 10, Duration.ofMillis(1), Duration.ofMillis(2));

    private static KubernetesClientException refused(int code, String message) {
        Status status = new StatusBuilder().withCode(code).withMessage(message).withReason("InternalError").build();
        return new KubernetesClientException(status);
    }

    private int attemptsUntilFailure(KubernetesClientException answer) {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> caller.call(() -> {
            attempts.incrementAndGet();
            throw answer;
        })).isSameAs(answer);
        return attempts.get();
    }

    @Test
    void anAdmissionWebhookThatCannotBeCalledIsTriedThreeTimesNotTen() {
        assertThat(attemptsUntilFailure(refused(500, "Internal error occurred: failed calling webhook \"validate.policy-gate.example.com\":"
                + " failed to call webhook: Post \"https://policy-gate-webhook.policy-system.svc:443/validate?timeout=10s\":"
                + " service \"policy-gate-webhook\" not found"))).isEqualTo(3);
        assertThat(caller.retries()).isEqualTo(2);
    }

    @Test
    void otherServerErrorsAreTriedUpToTheLimitAndClientErrorsOnce() {
        assertThat(attemptsUntilFailure(refused(500, "etcdserver: request timed out"))).isEqualTo(10);
        assertThat(attemptsUntilFailure(refused(503, "the server is currently unable to handle the request"))).isEqualTo(10);
        assertThat(attemptsUntilFailure(refused(422, "metadata.name: Invalid value: \"${CLUSTER}\""))).isEqualTo(1);
        assertThat(attemptsUntilFailure(refused(403, "admission webhook \"x\" denied the request: failed calling webhook"))).isEqualTo(1);
    }

    @Test
    void aCallThatPassesOnALaterTryReturnsItsAnswer() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        String answer = caller.call(() -> {
            if (attempts.incrementAndGet() < 2) {
                throw refused(500, "Internal error occurred: failed calling webhook \"w\": context deadline exceeded");
            }
            return "created";
        });
        assertThat(answer).isEqualTo("created");
        assertThat(attempts).hasValue(2);
    }
}
