package io.jenkins.plugins.k8sbackup.restore;

import io.jenkins.plugins.k8sbackup.archive.ObjectRecord;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.kube.ApiPressure;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import io.jenkins.plugins.k8sbackup.util.ProgressMeter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The progress meter of a restore: its total is what the index says the selection takes (a label selector, read only
 * from each object, lowers it as it goes), and it reports the API server's back-off without being told.
 */
final class RestoreMeter {
    private RestoreMeter() {}

    /** A heartbeat while the selected archives are read and checked, before the first write (no counts yet). */
    static ProgressMeter checking(ProgressListener progress) {
        ProgressMeter meter = ProgressMeter.start(progress, "restore", "objects");
        meter.waitingFor("the selected archives to be read and checked (nothing is written before)");
        return meter;
    }

    static ProgressMeter start(ProgressListener progress, ApiCaller caller, Collection<ObjectRecord> index,
                               List<ResourceType> types, BiPredicate<ResourceType, ObjectRecord> wanted) {
        Map<String, ResourceType> byName = types.stream().collect(Collectors.toMap(ResourceType::qualifiedName, Function.identity(),
                (a, b) -> a));
        long total = index.stream().filter(r -> byName.containsKey(r.resource()) && wanted.test(byName.get(r.resource()), r)).count();
        ProgressMeter meter = ProgressMeter.start(progress, "restore", "objects");
        meter.expect(total);
        meter.watch(new ApiPressure(caller));
        return meter;
    }
}
