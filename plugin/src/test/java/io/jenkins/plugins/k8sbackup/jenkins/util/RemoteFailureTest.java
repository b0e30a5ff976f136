package io.jenkins.plugins.k8sbackup.jenkins.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Failures leave a callable as JDK exceptions only, with the whole (masked) story in the message. */
class RemoteFailureTest {
    private static final SecretMasker MASKER = SecretMasker.none().with("s3cr3t-value-123");

    @Test
    void aFabric8StatusFailureBecomesAPlainIoExceptionWithTheApiServersMessage() throws Exception {
        KubernetesClientException fabric8 = new KubernetesClientException(new StatusBuilder().withCode(403)
                .withReason("Forbidden").withMessage("secrets is forbidden: User \"ci\" cannot list resource \"secrets\"").build());
        IOException wrapped = new IOException("backup failed while listing secrets", fabric8);

        IOException plain = thrown(() -> {
            throw wrapped;
        });

        assertThat(plain.getClass()).isEqualTo(IOException.class);
        assertThat(plain.getCause()).isNull();
        assertThat(plain.getMessage()).startsWith("backup failed while listing secrets; caused by: KubernetesClientException: ")
                .contains("secrets is forbidden");
        assertThat(onlyJdkClassesIn(plain)).isTrue();
        assertThat(onlyJdkClassesIn(wrapped)).as("what would have crossed the channel before").isFalse();
    }

    @Test
    void anSdkErrorWithErrorDetailsBecomesAPlainIoExceptionAndSecretsAreMasked() throws Exception {
        S3Exception sdk = (S3Exception) S3Exception.builder().statusCode(403).message("Access Denied for s3cr3t-value-123")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("Access Denied").build()).build();

        IOException plain = thrown(() -> {
            throw sdk;
        });

        assertThat(plain.getCause()).isNull();
        assertThat(plain.getMessage()).contains("S3Exception: Access Denied for ****").doesNotContain("s3cr3t-value-123");
        assertThat(onlyJdkClassesIn(plain)).isTrue();
    }

    @Test
    void anInterruptionStaysAnInterruptionAndResultsPassThrough() throws Exception {
        assertThatThrownBy(() -> RemoteFailure.call(() -> {
            throw new InterruptedException("aborted");
        }, MASKER)).isExactlyInstanceOf(InterruptedException.class);
        assertThat(RemoteFailure.call(() -> "ok", MASKER)).isEqualTo("ok");
    }

    private static IOException thrown(RemoteFailure.Work<Object> work) {
        try {
            RemoteFailure.call(work, MASKER);
        } catch (IOException e) {
            return e;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("nothing thrown");
    }

    /** Serializes {@code t} and reads it back refusing every class outside java.* (as a strict class filter would). */
    private static boolean onlyJdkClassesIn(Throwable t) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(t);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                if (!desc.getName().startsWith("java.") && !desc.getName().startsWith("[")) {
                    throw new InvalidClassException(desc.getName(), "refused");
                }
                return super.resolveClass(desc);
            }
        }) {
            in.readObject();
            return true;
        } catch (InvalidClassException refused) {
            return false;
        }
    }
}
