package io.jenkins.plugins.k8sbackup.etcd;

import io.jenkins.plugins.k8sbackup.etcd.KeptFileAction.Action;
import io.jenkins.plugins.k8sbackup.jenkinshome.FileStat;
import io.jenkins.plugins.k8sbackup.jenkinshome.SafePaths;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts kept files back below their target directories ({@code --pki-to}, {@code --files-to}). {@link #plan} looks
 * and writes nothing; {@link #apply} writes only a plan without conflicts or refusals. A file is only ever created:
 * an existing file with other content is a conflict, never overwritten. Modes are the recorded ones (secrets at
 * most 0600), set before the file gets its name.
 */
final class KeptFileWriter {
    private KeptFileWriter() {}

    /** One planned file with the verified content it gets. */
    record Planned(KeptFileAction action, byte[] content) {}

    /** Targets: {@code pkiTo} for "pki" entries, {@code filesTo} for "file" entries; a null target skips that set. */
    static List<Planned> plan(Map<KeptFile, byte[]> files, Path pkiTo, Path filesTo) throws IOException {
        List<Planned> plan = new ArrayList<>();
        for (Map.Entry<KeptFile, byte[]> e : files.entrySet()) {
            KeptFile f = e.getKey();
            Path root = KeptFile.PKI.equals(f.set()) ? pkiTo : filesTo;
            if (root != null) {
                plan.add(new Planned(planOne(f, KeptFileReader.normalise(root)), e.getValue()));
            }
        }
        return plan;
    }

    static List<KeptFileAction> actions(List<Planned> plan) {
        return plan.stream().map(Planned::action).toList();
    }

    private static KeptFileAction planOne(KeptFile f, Path root) throws IOException {
        String rel = f.relativeTarget();
        String mode = KeptFile.octal(f.restoreMode());
        Optional<String> bad = SafePaths.problem(rel);
        if (bad.isPresent()) {
            return new KeptFileAction(f.set(), f.path(), root + "/" + rel, Action.REFUSED, mode, f.secret(),
                    "unsafe path in the manifest: " + bad.get());
        }
        Path target = SafePaths.resolve(root, rel);
        KeptFileAction action = new KeptFileAction(f.set(), f.path(), target.toString(), Action.CREATE, mode, f.secret(), null);
        if (Files.exists(root) && !Files.isDirectory(root)) {
            return action.with(Action.CONFLICT, root + " is not a directory");
        }
        Optional<Path> link = SafePaths.symlinkOnPath(root, rel);
        if (link.isPresent()) {
            return action.with(Action.REFUSED, "a symbolic link is on the way: " + link.get() + "; links are never written through");
        }
        for (Path p = target.getParent(); !p.equals(root); p = p.getParent()) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return action.with(Action.CONFLICT, p + " exists and is not a directory");
            }
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return action;
        }
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return action.with(Action.CONFLICT, "exists and is not a regular file");
        }
        if (!Sha256.hex(Files.readAllBytes(target)).equals(f.sha256())) {
            return action.with(Action.CONFLICT, "exists with other content; it is never overwritten: move it away"
                    + " (or restore into an empty directory and compare)");
        }
        int current = FileStat.of(target).mode();
        return action.with(Action.UNCHANGED, current < 0 || current == f.restoreMode() ? null
                : "mode " + KeptFile.octal(current) + " becomes " + mode);
    }

    /** Writes a plan that {@link #plan} made; stops at the first failed write and says which files it left out. */
    static List<KeptFileAction> apply(List<Planned> plan) {
        if (actions(plan).stream().anyMatch(KeptFileAction::blocks)) {
            throw new IllegalStateException("a plan with conflicts or refusals is never applied");
        }
        List<KeptFileAction> done = new ArrayList<>();
        boolean failed = false;
        for (Planned p : plan) {
            KeptFileAction a = p.action();
            if (failed) {
                done.add(a.with(Action.SKIPPED, "not written: an earlier file failed"));
                continue;
            }
            try {
                write(a, p.content());
                done.add(a);
            } catch (IOException | RuntimeException e) {
                failed = true;
                done.add(a.with(Action.FAILED, e.getMessage()));
            }
        }
        return done;
    }

    private static void write(KeptFileAction a, byte[] content) throws IOException {
        Path target = Path.of(a.target());
        int mode = Integer.parseInt(a.mode(), 8);
        if (a.action() == Action.UNCHANGED) {
            if (a.detail() != null) {
                setMode(target, mode);
            }
            return;
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".k8sb-kept-", ".part"); // 0600 until it has its mode
        try {
            Files.write(temp, content);
            setMode(temp, mode);
            Files.move(temp, target); // no REPLACE_EXISTING: a file that appeared meanwhile is not overwritten
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void setMode(Path p, int mode) throws IOException {
        try {
            Files.setPosixFilePermissions(p, FileStat.toPermissions(mode));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: modes are not restored
        }
    }
}
