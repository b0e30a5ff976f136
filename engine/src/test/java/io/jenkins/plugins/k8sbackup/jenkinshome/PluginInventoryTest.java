package io.jenkins.plugins.k8sbackup.jenkinshome;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginInventoryTest {
    @TempDir
    Path tmp;

    @Test
    void acceptsTheNamesAndVersionsRealPluginsHave() {
        // taken from the update center: classic, incremental-style (CD), snapshot and old four-part versions
        for (String line : List.of("git:5.2.1", "credentials:1415.v831096eb_5534", "jackson2-api:2.13.3-285.vc03c0256d517",
                "workflow-job:1540.v295eccc9778f", "jsch:0.1.55.2", "bootstrap4-api:4.6.0-3", "my_plugin.x:1.2-SNAPSHOT",
                "Office365Connector:4.21.3", "pipeline-model-definition:2.2255.v56a_15e805f12", "foo:1.0-beta-1",
                "foo:2.19-rc289.d09828a05a74", "foo:1.0.0+build.7")) {
            assertThat(PluginInventory.problem(line)).as(line).isEmpty();
        }
    }

    @Test
    void refusesLinesThatAreNotOnePluginAtOneVersion() {
        for (String line : List.of("git:5.2.1\nevil:1.0", "git:5.2.1:https://evil.example/e.hpi", "git:latest",
                "git:experimental", "git:5.2.1 #x", "git:5.2.1#x", "git:incrementals;org.jenkins-ci;1.0", "git:",
                ":1.0", "git", "../git:1.0", "..:1.0", ".:1.0", "git/x:1.0", "git x:1.0", "gît:1.0", "git:v1.0",
                "git:1.0\r", "git:1,0", "git:${project.version}")) {
            assertThat(PluginInventory.problem(line)).as(line).isPresent();
        }
        assertThat(PluginInventory.problem("git:5.2.1\nevil:1.0")).get().asString()
                .isEqualTo("version \"5.2.1\\nevil:1.0\" of plugin git is not a plugin version"
                        + " (a number, then '-' or '.' and letters, digits or _.+~-)");
    }

    @Test
    void aBackupLeavesOutAndReportsPluginsWhoseManifestBreaksTheRules() throws IOException {
        Path home = tmp.resolve("home");
        JenkinsHomeFixture.plugin(home.resolve("plugins/git.jpi"), "git", "5.2.1");
        JenkinsHomeFixture.plugin(home.resolve("plugins/odd.jpi"), "odd", "latest");
        JenkinsHomeFixture.plugin(home.resolve("plugins/evil.jpi"), "evil:1.0:https://evil.example/e.hpi", "1.0");

        PluginInventory.Inventory inventory = PluginInventory.read(home);

        assertThat(inventory.lines()).containsExactly("git:5.2.1");
        assertThat(inventory.warnings()).hasSize(2)
                .anySatisfy(w -> assertThat(w).startsWith("plugin odd.jpi: version \"latest\"").endsWith("not in plugins.txt"))
                .anySatisfy(w -> assertThat(w).startsWith("plugin evil.jpi: version \"1.0:https://evil.example/e.hpi:1.0\""));
    }
}
