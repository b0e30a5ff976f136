package io.jenkins.plugins.k8sbackup.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Peak live heap: the largest heap occupancy right after a garbage collection. Unlike sampled "used"
 * heap, it does not count garbage waiting for the next collection, so it shows what a run really retains.
 */
public final class HeapWatcher implements AutoCloseable {
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final List<Runnable> unregister = new ArrayList<>();

    public HeapWatcher() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                NotificationListener l = (n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                        long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                                .mapToLong(MemoryUsage::getUsed).sum();
                        peakAfterGc.accumulateAndGet(used, Math::max);
                    }
                };
                emitter.addNotificationListener(l, null, null);
                unregister.add(() -> {
                    try {
                        emitter.removeNotificationListener(l);
                    } catch (Exception ignored) {
                        // already gone
                    }
                });
            }
        }
    }

    /** Collects, then starts measuring from the live set that is left. */
    public void reset() {
        System.gc();
        peakAfterGc.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    public long peakBytes() {
        System.gc();
        return peakAfterGc.get();
    }

    @Override
    public void close() {
        unregister.forEach(Runnable::run);
    }
}
