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
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * The installed plugins as {@code name:version} lines, the format of jenkins-plugin-cli's plugins.txt,
 * read from each plugin's MANIFEST.MF (Short-Name, Plugin-Version): from plugins/*.jpi|*.hpi, or from the
 * exploded plugins/NAME/META-INF/MANIFEST.MF when the archive is gone.
 */
final class PluginInventory {

    record Inventory(List<String> lines, List<String> warnings) {}

    /*
     * What a plugins.txt line may hold, so that a line read back from a backup is exactly one plugin at one version:
     * - name: the plugin's Short-Name, which maven-hpi-plugin sets to the Maven artifactId, so Maven's artifactId
     *   rule [A-Za-z0-9_\-.]+ (maven-model-builder DefaultModelValidator.ID_REGEX); "." and ".." are refused too,
     *   because jenkins-plugin-cli puts the name into the download URL's path.
     * - version: the update center's rule, a numeric first segment then '-' or '.' (jenkins-infra/update-center2
     *   ArtifactCoordinates.isVersionValid: [0-9]+([-.].*)?), with the rest limited to characters Maven allows in a
     *   version (DefaultModelValidator bans \ / : " < > | ? *) and that jenkins-plugin-cli's plugins.txt parser
     *   (plugin-installation-manager-tool PluginListParser.parsePluginLine) reads literally: no whitespace (stripped),
     *   '#' (comment), ':' (starts a URL field) or ';' (incrementals syntax). This also keeps out its keywords
     *   "latest" and "experimental", so a restore always asks for the backed-up version.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-.]+");
    private static final Pattern VERSION = Pattern.compile("[0-9]+([-.][A-Za-z0-9_.+~-]*)?");

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
                String bare = version.trim().split("\\s+")[0];
                Optional<String> bad = problem(shortName.trim() + ":" + bare);
                if (bad.isPresent()) {
                    warnings.add("plugin " + name + ": " + bad.get() + "; not in plugins.txt");
                    continue;
                }
                versions.putIfAbsent(shortName.trim(), bare);
            } catch (IOException | SecurityException e) {
                warnings.add("could not read the manifest of plugin " + name + ": " + e.getMessage());
            }
        }
        List<String> lines = new ArrayList<>();
        versions.forEach((n, v) -> lines.add(n + ":" + v));
        return new Inventory(lines, warnings);
    }

    /** Why {@code line} is not one {@code name:version} plugins.txt line by the rules above, or empty when it is. */
    static Optional<String> problem(String line) {
        int colon = line == null ? -1 : line.indexOf(':');
        if (colon < 0) {
            return Optional.of(SafePaths.quoted(line) + " is not name:version");
        }
        String name = line.substring(0, colon);
        String version = line.substring(colon + 1);
        if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            return Optional.of("plugin name " + SafePaths.quoted(name) + " is not a Maven artifactId ([A-Za-z0-9_-.]+)");
        }
        if (!VERSION.matcher(version).matches()) {
            return Optional.of("version " + SafePaths.quoted(version) + " of plugin " + name
                    + " is not a plugin version (a number, then '-' or '.' and letters, digits or _.+~-)");
        }
        return Optional.empty();
    }

    static String toPluginsTxt(List<String> lines) {
        StringBuilder sb = new StringBuilder("# jenkins-plugin-cli --plugin-file plugins.txt\n");
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }
}
