package io.jenkins.plugins.k8sbackup.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns SDK exceptions into messages a user can act on: which bucket, which endpoint, what to check.
 * Only the access key id and SDK error texts are ever quoted; the secret key never reaches this class.
 */
final class S3Errors {
    private final StorageLocation.S3 location;
    private final S3Credentials credentials;

    S3Errors(StorageLocation.S3 location, S3Credentials credentials) {
        this.location = location;
        this.credentials = credentials;
    }

    /** {@code action} reads like "list 'backups/'" and is used for errors that are not self-explaining. */
    IOException translate(String action, Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof NoSuchKeyException) {
            return new FileNotFoundException(action + ": not found in " + location.describe());
        }
        if (e instanceof NoSuchBucketException || isStatus(e, 404) && "NoSuchBucket".equals(errorCode(e))) {
            return new StorageException(missingBucket(), e);
        }
        return new StorageException(reason(action, e), e);
    }

    String missingBucket() {
        return "bucket '" + location.bucket() + "' does not exist at " + location.endpointDescription()
                + ": create it first or fix the storage URI";
    }

    /** A one-line explanation of {@code error} prefixed with what was being done. */
    String reason(String action, Throwable error) {
        Throwable e = unwrap(error);
        if (isStatus(e, 403)) {
            return "access denied to bucket '" + location.bucket() + "' at " + location.endpointDescription()
                    + " while trying to " + action + " (credentials: " + credentials.describe()
                    + "): check the access key and secret key, and that they grant s3:ListBucket, s3:GetObject, "
                    + "s3:PutObject, s3:DeleteObject and s3:AbortMultipartUpload on the bucket";
        }
        if (isStatus(e, 301) || "PermanentRedirect".equals(errorCode(e)) || "AuthorizationHeaderMalformed".equals(errorCode(e))) {
            return "bucket '" + location.bucket() + "' is in another region than "
                    + (location.region() == null ? "the default one" : "'" + location.region() + "'")
                    + ": add ?region=<its region> to the storage URI";
        }
        if (e instanceof S3Exception s3) {
            String detail = s3.awsErrorDetails() != null && s3.awsErrorDetails().errorMessage() != null
                    ? s3.awsErrorDetails().errorMessage() : s3.getMessage();
            return "could not " + action + " at " + location.endpointDescription() + ": HTTP " + s3.statusCode()
                    + (errorCode(e) == null ? "" : " " + errorCode(e)) + ": " + detail;
        }
        if (unreachable(e)) {
            return "cannot reach S3 endpoint " + location.endpointDescription() + " (while trying to " + action + "): "
                    + rootMessage(e);
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).contains("Acquire operation took longer")) {
            // Seen after a refused first attempt against a dead endpoint: the retry waits out the pool's timeout.
            return "no connection to S3 endpoint " + location.endpointDescription() + " (while trying to " + action
                    + "): it is down, unreachable or overloaded";
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
            return "no S3 credentials found (" + credentials.describe() + "): give an access key, or set "
                    + S3Credentials.ENV_ACCESS_KEY + " and " + S3Credentials.ENV_SECRET_KEY + ", or configure a profile";
        }
        if (e instanceof CancellationException) {
            return "could not " + action + ": the upload was cancelled";
        }
        return "could not " + action + " at " + location.endpointDescription() + ": " + rootMessage(e);
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static boolean isStatus(Throwable e, int status) {
        return e instanceof S3Exception s3 && s3.statusCode() == status;
    }

    private static String errorCode(Throwable e) {
        return e instanceof S3Exception s3 && s3.awsErrorDetails() != null ? s3.awsErrorDetails().errorCode() : null;
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof ClosedChannelException
                    || t instanceof IOException && String.valueOf(t.getMessage()).contains("Connection reset")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The SDK's own message when it has one (it names host and cause), else the innermost cause's. */
    private static String rootMessage(Throwable e) {
        if (e.getMessage() != null) {
            return e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
