package io.jenkins.plugins.k8sbackup.selection;

import io.jenkins.plugins.k8sbackup.archive.BackupIntegrityCheck;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.archive.IntegrityProblem;
import io.jenkins.plugins.k8sbackup.archive.IntegrityReport;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.IOException;
import io.jenkins.plugins.k8sbackup.archive.ObjectRecord;
import java.util.Collection;
import java.util.List;

/**
 * A selection of a backup whose archives were checked before anything is taken from them (restore, diff and verify
 * start with it): the plan, without the types whose archives are damaged, and the problems found. When the index
 * itself is damaged, nothing can be selected and the plan is empty.
 */
public final class CheckedSelection {
    private final SelectionPlan plan;
    private final IntegrityReport integrity;

    private final Collection<ObjectRecord> index;

    private CheckedSelection(SelectionPlan plan, IntegrityReport integrity, Collection<ObjectRecord> index) {
        this.plan = plan;
        this.integrity = integrity;
        this.index = index;
    }

    /** Checks the index, plans the selection on it, then checks the archives the plan reads, every entry (restore). */
    public static CheckedSelection check(BackupReader reader, Selection selection, ProgressListener progress)
            throws IOException {
        return check(reader, selection, progress, true);
    }

    /**
     * As {@link #check}, but the archives by size and SHA-256 only, their entries being checked as the comparison reads
     * them (see {@link BackupIntegrityCheck#checkStoredArchives}): for diff and verify, which write nothing.
     */
    public static CheckedSelection forComparison(BackupReader reader, Selection selection, ProgressListener progress)
            throws IOException {
        return check(reader, selection, progress, false);
    }

    private static CheckedSelection check(BackupReader reader, Selection selection, ProgressListener progress,
                                          boolean entries) throws IOException {
        List<IntegrityProblem> indexProblems = BackupIntegrityCheck.indexProblems(reader);
        if (!indexProblems.isEmpty()) {
            IntegrityReport damaged = new IntegrityReport(reader.name(), reader.stored().authentication(), 0, 0, 0,
                    indexProblems, reader.stored().warnings());
            BackupIntegrityCheck.log(damaged, progress);
            return new CheckedSelection(SelectionPlan.build(selection, reader.manifest(), List.of()), damaged, List.of());
        }
        SelectionPlan plan = SelectionPlan.build(selection, reader.manifest(), reader.index().values());
        List<String> resources = plan.types().stream().map(ResourceType::qualifiedName).toList();
        IntegrityReport integrity = entries ? BackupIntegrityCheck.check(reader, resources, progress)
                : BackupIntegrityCheck.checkStoredArchives(reader, resources, progress);
        plan.excludeTypes(integrity.damagedTypes());
        return new CheckedSelection(plan, integrity, reader.index().values());
    }

    /** The plan of the undamaged part (all of it when {@link #intact()}). */
    public SelectionPlan plan() {
        return plan;
    }

    /** What the backup holds, for messages about the selection; nothing when the index itself is damaged. */
    public BackupContents contents(String backupName) {
        return BackupContents.of(backupName, index);
    }

    public IntegrityReport integrity() {
        return integrity;
    }

    public boolean intact() {
        return integrity.intact();
    }

    /** One line per problem, naming the type, the storage key and what is wrong. */
    public List<String> problems() {
        return integrity.problems().stream().map(IntegrityProblem::toString).toList();
    }
}
