package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.hooks.HookFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --hooks FILE}: exec hooks declared in YAML or JSON, in addition to Velero's pod annotations. */
final class HookOptions {
    @Option(names = "--hooks", paramLabel = "FILE",
            description = "exec hooks, YAML or JSON: backup: [...] and restore: [...] (see docs/volumes-and-hooks.md)")
    Path file;

    HookFile read() throws IOException {
        return file == null ? new HookFile(List.of(), List.of()) : HookFile.read(file);
    }
}
