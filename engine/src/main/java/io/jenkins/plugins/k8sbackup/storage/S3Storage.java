package io.jenkins.plugins.k8sbackup.storage;

import io.jenkins.plugins.k8sbackup.proxy.ProxySettings;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.utils.ThreadFactoryBuilder;

/**
 * Storage in an S3 bucket below a key prefix, through AWS SDK v2. Uploads stream with unknown length through
 * the SDK's multipart client (parts of {@code partSize}, so memory stays bounded whatever the object size);
 * every other call uses a plain client, because the multipart client reads by part number, which S3-compatible
 * stores such as s3proxy do not serve.
 */
public final class S3Storage implements BackupStorage {
    static final long DEFAULT_PART_SIZE = 8L << 20;
    /** DeleteObjects accepts at most 1000 keys, which is also the largest ListObjectsV2 page. */
    private static final int DELETE_BATCH = 1000;
    /** AWS answers 409 ConditionalRequestConflict when a delete races a conditional put: try again. */
    private static final int CONDITIONAL_ATTEMPTS = 3;

    private final StorageLocation.S3 location;
    /** False for a store known to lack If-None-Match on PutObject: createExclusive takes the weaker fallback. */
    private volatile boolean conditionalPuts;
    private final S3Errors errors;
    private final S3Client client;
    private final S3AsyncClient uploads;
    private final EventLoopGroup eventLoop;
    private final SdkAsyncHttpClient http;

    private S3Storage(StorageLocation.S3 location, S3Credentials credentials, long partSize, boolean conditionalPuts,
                      ProxySettings proxies) {
        this.location = location;
        this.conditionalPuts = conditionalPuts;
        this.errors = new S3Errors(location, credentials);
        Region region = region(location);
        var sync = S3Client.builder().region(region).credentialsProvider(credentials.provider())
                .httpClientBuilder(ApacheHttpClient.builder().proxyConfiguration(S3Proxies.apache(proxies, location.endpoint())))
                .forcePathStyle(location.usesPathStyle());
        // Our own event loop, because an async client that owns its loop waits a 2-second quiet period on close;
        // daemon threads never keep a finished CLI alive. Per storage, so a dead endpoint cannot stall another.
        this.eventLoop = new NioEventLoopGroup(2,
                new ThreadFactoryBuilder().threadNamePrefix("k8s-backup-s3").daemonThreads(true).build());
        this.http = NettyNioAsyncHttpClient.builder().eventLoopGroup(SdkEventLoopGroup.create(eventLoop))
                .proxyConfiguration(S3Proxies.netty(proxies, location.endpoint())).build();
        var async = S3AsyncClient.builder().httpClient(http)
                .region(region).credentialsProvider(credentials.provider())
                .forcePathStyle(location.usesPathStyle())
                .multipartEnabled(true)
                .multipartConfiguration(c -> c.minimumPartSizeInBytes(partSize).thresholdInBytes(partSize));
        if (location.endpoint() != null) {
            sync.endpointOverride(location.endpoint());
            async.endpointOverride(location.endpoint());
        } else {
            sync.crossRegionAccessEnabled(true);
            async.crossRegionAccessEnabled(true);
        }
        this.client = sync.build();
        this.uploads = async.build();
    }

    /**
     * Opens the location and checks that the bucket exists and the credentials may use it; through the proxies of
     * this process' environment.
     */
    public static S3Storage open(StorageLocation.S3 location, S3Credentials credentials) throws StorageException {
        return open(location, credentials, proxiesOfProcess());
    }

    /** As {@link #open(StorageLocation.S3, S3Credentials)}, through the proxies of another environment (a build's). */
    public static S3Storage open(StorageLocation.S3 location, S3Credentials credentials, ProxySettings proxies)
            throws StorageException {
        return open(location, credentials, DEFAULT_PART_SIZE, true, proxies);
    }

    static S3Storage open(StorageLocation.S3 location, S3Credentials credentials, long partSize) throws StorageException {
        return open(location, credentials, partSize, true);
    }

    /** {@code conditionalPuts} false: behave as with a store that answers If-None-Match with 501 (tests of the fallback). */
    static S3Storage open(StorageLocation.S3 location, S3Credentials credentials, long partSize, boolean conditionalPuts)
            throws StorageException {
        return open(location, credentials, partSize, conditionalPuts, proxiesOfProcess());
    }

    private static S3Storage open(StorageLocation.S3 location, S3Credentials credentials, long partSize,
                                  boolean conditionalPuts, ProxySettings proxies) throws StorageException {
        S3Storage storage = new S3Storage(location, credentials, partSize, conditionalPuts, proxies);
        try {
            storage.checkBucket();
            return storage;
        } catch (StorageException | RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    private static ProxySettings proxiesOfProcess() throws StorageException {
        try {
            return ProxySettings.fromProcess();
        } catch (IllegalArgumentException e) {
            throw new StorageException(e.getMessage(), e);
        }
    }

    private static Region region(StorageLocation.S3 location) {
        if (location.region() != null) {
            return Region.of(location.region());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkException none) {
            // S3-compatible stores ignore the region; AWS redirects across regions (crossRegionAccessEnabled).
            return Region.US_EAST_1;
        }
    }

    private void checkBucket() throws StorageException {
        try {
            client.headBucket(b -> b.bucket(location.bucket()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new StorageException(errors.missingBucket(), e);
            }
            throw new StorageException(errors.reason("open bucket '" + location.bucket() + "'", e), e);
        } catch (SdkException e) {
            throw new StorageException(errors.reason("open bucket '" + location.bucket() + "'", e), e);
        }
    }

    public StorageLocation.S3 location() {
        return location;
    }

    String fullKey(String key) {
        StorageKeys.check(key);
        return location.keyOf(key);
    }

    @Override
    public StorageWriter create(String key) throws IOException {
        String full = fullKey(key);
        return new S3Writer(uploads, location.bucket(), full, key, errors);
    }

    @Override
    public InputStream open(String key) throws IOException {
        String full = fullKey(key);
        try {
            return client.getObject(b -> b.bucket(location.bucket()).key(full));
        } catch (SdkException e) {
            throw errors.translate("read '" + key + "'", e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        String full = fullKey(key);
        try {
            client.headObject(b -> b.bucket(location.bucket()).key(full));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw errors.translate("check '" + key + "'", e);
        } catch (SdkException e) {
            throw errors.translate("check '" + key + "'", e);
        }
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        String full = location.keyOf(prefix);
        List<StoredObject> out = new ArrayList<>();
        try {
            for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(full)).contents()) {
                out.add(new StoredObject(location.relativeKey(o.key()), o.size(), o.lastModified()));
            }
        } catch (SdkException e) {
            throw errors.translate("list '" + prefix + "'", e);
        }
        return out;
    }

    @Override
    public List<String> listChildren(String prefix) throws IOException {
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("listChildren needs a prefix ending with '/', got '" + prefix + "'");
        }
        String full = location.keyOf(prefix);
        List<String> out = new ArrayList<>();
        try {
            for (CommonPrefix p : client.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(full).delimiter("/"))
                    .commonPrefixes()) {
                String child = p.prefix().substring(full.length());
                out.add(child.substring(0, child.length() - 1));
            }
        } catch (SdkException e) {
            throw errors.translate("list '" + prefix + "'", e);
        }
        out.sort(null);
        return out;
    }

    @Override
    public void deletePrefix(String prefix) throws IOException {
        String full = location.keyOf(prefix);
        try {
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(
                    b -> b.bucket(location.bucket()).prefix(full).maxKeys(DELETE_BATCH))) {
                List<ObjectIdentifier> batch = page.contents().stream()
                        .map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
                if (!batch.isEmpty()) {
                    deleteBatch(prefix, batch);
                }
            }
            for (MultipartUpload u : unfinishedUploads(full)) {
                client.abortMultipartUpload(b -> b.bucket(location.bucket()).key(u.key()).uploadId(u.uploadId()));
            }
        } catch (SdkException e) {
            throw errors.translate("delete '" + prefix + "'", e);
        }
    }

    /**
     * Incomplete multipart uploads below the prefix, i.e. of writers that were killed (a failed writer aborts its
     * own). Their size is that of the parts uploaded so far.
     */
    @Override
    public List<StoredObject> listUnfinished(String prefix) throws IOException {
        List<StoredObject> out = new ArrayList<>();
        try {
            for (MultipartUpload u : unfinishedUploads(location.keyOf(prefix))) {
                long size = 0;
                for (Part part : client.listPartsPaginator(b -> b.bucket(location.bucket()).key(u.key())
                        .uploadId(u.uploadId())).parts()) {
                    size += part.size();
                }
                out.add(new StoredObject(location.relativeKey(u.key()), size, u.initiated()));
            }
        } catch (SdkException e) {
            throw errors.translate("list the unfinished uploads below '" + prefix + "'", e);
        }
        out.sort(java.util.Comparator.comparing(StoredObject::key));
        return out;
    }

    /**
     * Without s3:ListBucketMultipartUploads there is nothing to find: such leftovers are then removed only by the
     * bucket's lifecycle rule (docs/storage-uris.md), which every bucket should have anyway.
     */
    private List<MultipartUpload> unfinishedUploads(String fullPrefix) {
        try {
            List<MultipartUpload> out = new ArrayList<>();
            client.listMultipartUploadsPaginator(b -> b.bucket(location.bucket()).prefix(fullPrefix)).uploads()
                    .forEach(out::add);
            return out;
        } catch (S3Exception e) {
            if (e.statusCode() == 403) {
                return List.of();
            }
            throw e;
        }
    }

    /**
     * A PutObject with {@code If-None-Match: *}: S3 (since 2024), MinIO, Ceph and s3proxy create the object only
     * if the key is free and answer 412 otherwise, so exactly one of several racing writers wins. A store that
     * does not implement it (501, or 400 NotImplemented) gets the fallback in {@link #createUnconditionally}.
     */
    @Override
    public boolean createExclusive(String key, byte[] content) throws IOException {
        String full = fullKey(key);
        for (int attempt = 1; conditionalPuts; attempt++) {
            try {
                client.putObject(b -> b.bucket(location.bucket()).key(full).ifNoneMatch("*"), RequestBody.fromBytes(content));
                return true;
            } catch (S3Exception e) {
                if (e.statusCode() == 412) {
                    return false;
                }
                if (e.statusCode() == 409 && attempt < CONDITIONAL_ATTEMPTS) {
                    continue;
                }
                if (!notImplemented(e)) {
                    throw errors.translate("create '" + key + "'", e);
                }
                conditionalPuts = false;
            } catch (SdkException e) {
                throw errors.translate("create '" + key + "'", e);
            }
        }
        return createUnconditionally(key, content);
    }

    private static boolean notImplemented(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() == 501 || "NotImplemented".equals(code);
    }

    /**
     * The fallback, weaker than a conditional put: look, write, read back. Two writers that both look before
     * either writes both write; the read-back then tells the earlier one that it lost, unless both read back
     * before the later write lands. Content is unique per writer (leases carry a random id), so equal bytes
     * mean this writer's object.
     */
    private boolean createUnconditionally(String key, byte[] content) throws IOException {
        if (exists(key)) {
            return false;
        }
        write(key, content);
        try {
            return java.util.Arrays.equals(read(key), content);
        } catch (java.io.FileNotFoundException deletedMeanwhile) {
            return false;
        }
    }

    private void deleteBatch(String prefix, List<ObjectIdentifier> batch) throws StorageException {
        DeleteObjectsResponse r = client.deleteObjects(b -> b.bucket(location.bucket())
                .delete(Delete.builder().objects(batch).quiet(true).build()));
        if (r.hasErrors() && !r.errors().isEmpty()) {
            var first = r.errors().get(0);
            throw new StorageException("could not delete " + r.errors().size() + " object(s) below '" + prefix + "' at "
                    + describe() + ", first '" + first.key() + "': " + first.code() + " " + first.message());
        }
    }

    @Override
    public String describe() {
        return location.describe();
    }

    @Override
    public void close() {
        client.close();
        uploads.close();
        http.close();
        eventLoop.shutdownGracefully(0, 5, TimeUnit.SECONDS); // not awaited: nothing is in flight any more
    }
}
