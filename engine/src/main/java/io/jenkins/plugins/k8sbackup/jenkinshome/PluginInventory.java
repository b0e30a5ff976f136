package io.jenkins.plugins.k8sbackup.jenkinshome;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The installed plugins as {@code name:version} lines, the format of jenkins-plugin-cli's plugins.txt,
 * read from each plugin's MANIFEST.MF (Short-Name, Plugin-Version): from plugins/*.jpi|*.hpi, or from the
 * exploded plugins/NAME/META-INF/MANIFEST.MF when the archive is gone.
 */
final class PluginInventory {

    record Inventory(List<String> lines, List<String> warnings) {}

    private PluginInventory() {}

    static Inventory read(Path home) throws IOException {
        Path dir = home.resolve("plugins");
        Map<String, String> versions = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return new Inventory(List.of(), warnings);
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(entries::add);
        }
        entries.sort(null);
        for (Path p : entries) {
            String name = p.getFileName().toString();
            try {
                Manifest m = null;
                if ((name.endsWith(".jpi") || name.endsWith(".hpi")) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    try (JarFile jar = new JarFile(p.toFile())) {
                        m = jar.getManifest();
                    }
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Path mf = p.resolve("META-INF/MANIFEST.MF");
                    if (!Files.isRegularFile(mf) || versions.containsKey(name)) {
                        continue;
                    }
                    try (InputStream in = Files.newInputStream(mf)) {
                        m = new Manifest(in);
                    }
                } else {
                    continue;
                }
                Attributes a = m == null ? null : m.getMainAttributes();
                String shortName = a == null ? null : a.getValue("Short-Name");
                String version = a == null ? null : a.getValue("Plugin-Version");
                if (shortName == null || version == null) {
                    warnings.add("plugin " + name + " has no Short-Name/Plugin-Version in its manifest; not in plugins.txt");
                    continue;
                }
                // "1.2-SNAPSHOT (private-...)" builds: jenkins-plugin-cli wants the bare version
                versions.putIfAbsent(shortName.trim(), version.trim().split("\\s+")[0]);
            } catch (IOException | SecurityException e) {
                warnings.add("could not read the manifest of plugin " + name + ": " + e.getMessage());
            }
        }
        List<String> lines = new ArrayList<>();
        versions.forEach((n, v) -> lines.add(n + ":" + v));
        return new Inventory(lines, warnings);
    }

    static String toPluginsTxt(List<String> lines) {
        StringBuilder sb = new StringBuilder("# jenkins-plugin-cli --plugin-file plugins.txt\n");
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }
}
