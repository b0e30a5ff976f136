package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --kind} in the plugin's words (kubernetes, jenkins, etcd) or the enum's names, in any case. */
final class KindConverter implements ITypeConverter<BackupKind> {
    @Override
    public BackupKind convert(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "kubernetes", "k8s" -> BackupKind.KUBERNETES;
            case "jenkins", "jenkins_home" -> BackupKind.JENKINS_HOME;
            case "etcd" -> BackupKind.ETCD;
            default -> throw new TypeConversionException("'" + value + "' is not a kind: use kubernetes, jenkins or etcd");
        };
    }
}
