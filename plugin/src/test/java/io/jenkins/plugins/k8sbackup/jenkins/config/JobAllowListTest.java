package io.jenkins.plugins.k8sbackup.jenkins.config;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import hudson.model.ItemGroup;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allow-list's grammar and decisions, and how a job's script origin is told from core API only. */
class JobAllowListTest {
    static final Supplier<Optional<String>> INLINE = Optional::empty;
    static final Supplier<Optional<String>> FROM_SCM = () -> Optional.of("its script comes from SCM");

    @TempDir
    Path tmp;

    /** A multibranch project or organization folder, as core sees it: a group that is not directly modifiable. */
    static final class ComputedGroup implements ItemGroup<Item> {
        @Override
        public Collection<Item> getItems() {
            return List.of();
        }
    }

    @Test
    void exactNamesNeedNoOptInAndMatchOnlyThatJob() {
        JobAllowList list = JobAllowList.parse("# comment\nops/jenkins-backup\n", false);

        assertThat(list.problems()).isEmpty();
        assertThat(list.check("ops/jenkins-backup", FROM_SCM).allowed()).as("named exactly: the administrator chose it").isTrue();
        assertThat(list.check("ops/jenkins-backup-2", INLINE).allowed()).isFalse();
        assertThat(list.check("# comment", INLINE).allowed()).isFalse();
        assertThat(JobAllowList.parse("a.b", false).check("aXb", INLINE).allowed()).isFalse();
        assertThat(JobAllowList.parse(null, false).isEmpty()).isTrue();
    }

    @Test
    void patternsAreIgnoredWithoutTheOptIn() {
        JobAllowList list = JobAllowList.parse("ops/*", false);

        assertThat(list.problems()).containsExactly("'ops/*' is a pattern: enable 'Allow patterns' or name the jobs exactly");
        JobAllowList.Decision d = list.check("ops/backup", INLINE);
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo("it matches 'ops/*', but patterns are not enabled");
    }

    @Test
    void withTheOptInPatternsMatchInlineScriptsOnly() {
        JobAllowList list = JobAllowList.parse("ops/*\nadmin/**", true);

        assertThat(list.problems()).isEmpty();
        assertThat(list.check("ops/backup", INLINE).allowed()).isTrue();
        assertThat(list.check("ops/nested/backup", INLINE).allowed()).isFalse();
        assertThat(list.check("admin/a/b/c", INLINE).allowed()).isTrue();
        JobAllowList.Decision scm = list.check("admin/repo/main", FROM_SCM);
        assertThat(scm.allowed()).isFalse();
        assertThat(scm.reason()).contains("it matches 'admin/**', but its script comes from SCM")
                .contains("add 'allowScm: true' to that entry");
    }

    @Test
    void allowScmIsPerEntry() {
        JobAllowList list = JobAllowList.parse("ops/**   allowScm: true\nteam/** allowScm: false", true);

        assertThat(list.problems()).isEmpty();
        assertThat(list.check("ops/repo/main", FROM_SCM).allowed()).isTrue();
        assertThat(list.check("team/repo/main", FROM_SCM).allowed()).isFalse();
        assertThat(JobAllowList.parse("ops/** allowScm: yes", true).problems()).containsExactly("'ops/** allowScm: yes': allowScm must be true or false");
        assertThat(JobAllowList.parse("ops/** scm: true", true).problems()).singleElement().asString().contains("the only option is 'allowScm: true'");
    }

    @Test
    void theScriptOriginIsAskedOnlyWhenAPatternMatches() {
        JobAllowList list = JobAllowList.parse("ops/exact\nops/*", true);
        Supplier<Optional<String>> mustNotBeAsked = () -> {
            throw new AssertionError("asked");
        };

        assertThat(list.check("ops/exact", mustNotBeAsked).allowed()).isTrue();
        assertThat(list.check("other/job", mustNotBeAsked).allowed()).isFalse();
    }

    @Test
    void scriptOriginFailsSafe() throws Exception {
        StepHarness h = new StepHarness(tmp, "ops/backup", 1);
        assertThat(ScriptOrigin.scmControlled(h.job)).as("no config.xml").get().asString().contains("cannot be read");

        h.definition("org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition");
        assertThat(ScriptOrigin.scmControlled(h.job)).isEmpty();

        h.definition("org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition");
        assertThat(ScriptOrigin.scmControlled(h.job)).get().asString()
                .isEqualTo("its Pipeline script is not inline (definition CpsScmFlowDefinition, e.g. 'Pipeline script from SCM')");

        h.definition(null);
        assertThat(ScriptOrigin.scmControlled(h.job)).get().asString().isEqualTo("it has no inline Pipeline script");

        Files.writeString(h.job.getRootDir().toPath().resolve("config.xml"), "<flow-definition><definition class=");
        assertThat(ScriptOrigin.scmControlled(h.job)).get().asString().contains("cannot be read");
    }

    @Test
    void aBranchJobIsScmControlledWhateverItsConfigSays() throws Exception {
        StepHarness h = new StepHarness(tmp, "ops/repo/main", 1, new ComputedGroup());
        h.definition("org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition");

        assertThat(ScriptOrigin.scmControlled(h.job)).get().asString().contains("created by a multibranch project or organization folder");
    }

    @Test
    void aDefinitionNestedDeeperDoesNotCount() throws Exception {
        StepHarness h = new StepHarness(tmp, "ops/backup", 1);
        Files.createDirectories(h.job.getRootDir().toPath());
        Files.writeString(h.job.getRootDir().toPath().resolve("config.xml"), """
                <flow-definition><properties><x><definition class="org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition"/></x></properties>
                <definition class="org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition"/></flow-definition>""");

        assertThat(ScriptOrigin.scmControlled(h.job)).get().asString().contains("CpsScmFlowDefinition");
    }
}
