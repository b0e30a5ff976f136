package io.jenkins.plugins.k8sbackup.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.TestCredentialsStore;
import hudson.model.Descriptor;
import hudson.model.ManagementLink;
import hudson.model.TestDescriptors;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import io.jenkins.plugins.k8sbackup.jenkins.config.PredefinedLocation;
import io.jenkins.plugins.k8sbackup.jenkins.home.JenkinsBackupLink;
import io.jenkins.plugins.k8sbackup.jenkins.hooks.BackupHook;
import io.jenkins.plugins.k8sbackup.jenkins.steps.K8sBackupStep;
import io.jenkins.plugins.k8sbackup.jenkins.steps.K8sRestoreStep;
import io.jenkins.plugins.k8sbackup.jenkins.storage.S3Location;
import io.jenkins.plugins.k8sbackup.jenkins.testing.SampleCluster;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StaplerLikeBinding;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import io.jenkins.plugins.k8sbackup.jenkins.util.TextListFields;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.sf.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * Forms and configuration as core renders and binds them: a config.jelly and help for every Describable and every
 * parameter, a doFill…Items for every credentials select, validate-before-save, the management link's category,
 * and credential lookups that carry the server's domain requirements.
 */
class FormsTest {
    private static final String PACKAGE = "io/jenkins/plugins/k8sbackup/jenkins/";
    private static final Pattern SELECT = Pattern.compile("field=\"([A-Za-z]+)\"\\s*>\\s*<c:select\\s*/>");
    private static final Pattern FIELD = Pattern.compile("field=\"([A-Za-z]+)\"");
    /** A config.jelly names the parameters it leaves out on purpose: {@code <!-- pipeline-only: a, b (reason) -->}. */
    private static final Pattern PIPELINE_ONLY = Pattern.compile("<!-- pipeline-only: ([A-Za-z, ]+) \\(");

    @RegisterExtension
    static final SampleCluster cluster = new SampleCluster();

    @TempDir
    Path tmp;
    StepHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "job", 3);
    }

    @Test
    void everyDescribableHasAFormAndHelpForItselfAndEveryParameter() throws Exception {
        List<Class<?>> describables = describables();
        assertThat(describables).extracting(Class::getSimpleName).contains("K8sBackupStep", "JenkinsBackupStep",
                "JenkinsRestoreStep", "EtcdSnapshotStep", "BackupHook", "RestoreHook", "S3Location");
        List<String> missing = new ArrayList<>();
        for (Class<?> c : describables) {
            if (view(c, "config.jelly") == null) {
                missing.add(c.getSimpleName() + "/config.jelly");
            }
            if (view(c, "help.html") == null) {
                missing.add(c.getSimpleName() + "/help.html");
            }
            for (String field : parameters(c)) {
                if (view(c, "help-" + field + ".html") == null) {
                    missing.add(c.getSimpleName() + "/help-" + field + ".html");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyParameterHasAFormFieldUnlessItsFormSaysWhyNot() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Class<?> c : describables()) {
            String jelly = view(c, "config.jelly");
            if (jelly == null) {
                continue;
            }
            TreeSet<String> fields = new TreeSet<>();
            Matcher m = FIELD.matcher(jelly);
            while (m.find()) {
                fields.add(m.group(1));
            }
            TreeSet<String> pipelineOnly = new TreeSet<>();
            Matcher p = PIPELINE_ONLY.matcher(jelly);
            while (p.find()) {
                Arrays.stream(p.group(1).split(",")).map(String::strip).forEach(pipelineOnly::add);
            }
            TreeSet<String> params = parameters(c);
            assertThat(params).as(c.getSimpleName() + ": pipeline-only names must be parameters").containsAll(pipelineOnly);
            for (String param : params) {
                if (!fields.contains(param) && !pipelineOnly.contains(param)) {
                    missing.add(c.getSimpleName() + "." + param);
                }
            }
        }
        assertThat(missing).as("parameters without a form field").isEmpty();
    }

    @Test
    void listAndMapFieldsAreTextareasThatShowTheCurrentValue() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Class<?> c : describables()) {
            String jelly = view(c, "config.jelly");
            List<String> textParams = new ArrayList<>(TextListFields.listParameters(c));
            TextListFields.mapSetters(c).forEach(s -> textParams.add(Character.toLowerCase(s.getName().charAt(3)) + s.getName().substring(4)));
            for (String param : textParams) {
                if (jelly == null || jelly.contains("pipeline-only: ") && jelly.matches("(?s).*pipeline-only: [^(]*\\b" + param + "\\b.*")) {
                    continue;
                }
                if (!jelly.contains("field=\"" + param + "\"><f:textarea value=\"${descriptor.text(instance." + param + ")}\"/>")) {
                    wrong.add(c.getSimpleName() + "." + param);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theSnippetGeneratorBindsListAndMapTextareas() throws Exception {
        JSONObject form = new JSONObject();
        form.put("includeNamespaces", "shop\n\n  payments  \r\n");
        form.put("excludeResources", "");
        form.put("labels", "team=shop\n env = prod ");
        form.put("volumeSnapshotClasses", "  ");
        form.put("keepLast", " ");
        form.put("name", "nightly");

        K8sBackupStep step = (K8sBackupStep) new K8sBackupStep.DescriptorImpl().newInstance(stapler(), form);

        assertThat(step.getIncludeNamespaces()).containsExactly("shop", "payments");
        assertThat(step.getExcludeResources()).as("an empty textarea is not given").isNullOrEmpty();
        assertThat(step.getLabels()).containsExactly(java.util.Map.entry("team", "shop"), java.util.Map.entry("env", "prod"));
        assertThat(step.getVolumeSnapshotClasses()).isNullOrEmpty();
        assertThat(step.getKeepLast()).isNull();
        assertThat(step.getName()).isEqualTo("nightly");
        assertThat(new K8sBackupStep.DescriptorImpl().text(step.getIncludeNamespaces())).isEqualTo("shop\npayments");
        assertThat(new K8sBackupStep.DescriptorImpl().text(step.getLabels())).isEqualTo("team=shop\nenv=prod");
    }

    @Test
    void aHookCommandIsOneArgumentALine() throws Exception {
        JSONObject form = new JSONObject();
        form.put("name", "dump");
        form.put("namespace", "shop");
        form.put("command", "sh\n-c\nmysqldump --all-databases > /tmp/x");

        BackupHook hook = (BackupHook) new BackupHook.DescriptorImpl().newInstance(stapler(), form);

        assertThat(hook.getCommand()).containsExactly("sh", "-c", "mysqldump --all-databases > /tmp/x");
    }

    @Test
    void aMapLineWithoutEqualsIsRefusedNamingTheField() {
        JSONObject form = new JSONObject();
        form.put("namespaceMapping", "shop=shop-copy\npayments");

        assertThatThrownBy(() -> new K8sRestoreStep.DescriptorImpl().newInstance(stapler(), withBackup(form)))
                .isInstanceOf(Descriptor.FormException.class).hasMessageContaining("namespaceMapping")
                .hasMessageContaining("'payments' is not key=value");
    }

    private static JSONObject withBackup(JSONObject form) {
        form.put("backup", "latest");
        return form;
    }

    @Test
    void everyCredentialsSelectHasAFillMethod() throws Exception {
        List<String> missing = new ArrayList<>();
        List<Class<?>> owners = new ArrayList<>(describables());
        owners.add(K8sBackupConfiguration.class);
        for (Class<?> c : owners) {
            String jelly = view(c, "config.jelly");
            if (jelly == null) {
                continue;
            }
            Matcher m = SELECT.matcher(jelly);
            while (m.find()) {
                String method = "doFill" + Character.toUpperCase(m.group(1).charAt(0)) + m.group(1).substring(1) + "Items";
                if (Arrays.stream(descriptorOf(c).getMethods()).noneMatch(x -> x.getName().equals(method))) {
                    missing.add(c.getSimpleName() + ": " + method);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void anInvalidGlobalFormChangesNothingAndIsNotSaved() throws Exception {
        K8sBackupConfiguration config = K8sBackupConfiguration.get();
        config.setLocations(List.of(new PredefinedLocation("prod", new S3Location("a-bucket"))));
        int saves = TestDescriptors.saves(config);

        StaplerRequest2 duplicateNames = binding(bean -> ((K8sBackupConfiguration) bean).setLocations(List.of(
                new PredefinedLocation("x", new S3Location("b")), new PredefinedLocation("x", new S3Location("c")))));
        assertThatThrownBy(() -> config.configure(duplicateNames, (JSONObject) null)).isInstanceOf(Descriptor.FormException.class)
                .hasMessageContaining("'x' is used twice");

        assertThat(config.getLocations()).extracting(PredefinedLocation::getName).containsExactly("prod");
        assertThat(TestDescriptors.saves(config)).as("no save for an invalid form").isEqualTo(saves);

        StaplerRequest2 valid = binding(bean -> ((K8sBackupConfiguration) bean).setLocations(List.of(
                new PredefinedLocation("staging", new S3Location("b")))));
        assertThat(config.configure(valid, (JSONObject) null)).isTrue();
        assertThat(config.getLocations()).extracting(PredefinedLocation::getName).containsExactly("staging");
        assertThat(TestDescriptors.saves(config)).isGreaterThan(saves);
    }

    @Test
    void userFacingNamesComeFromMessagesProperties() throws Exception {
        java.util.Properties messages = new java.util.Properties();
        try (var in = FormsTest.class.getResourceAsStream("Messages.properties")) {
            messages.load(in);
        }
        assertThat(new K8sBackupStep.DescriptorImpl().getDisplayName()).isEqualTo(messages.getProperty("K8sBackupStep.DisplayName"));
        assertThat(new io.jenkins.plugins.k8sbackup.jenkins.steps.JenkinsBackupStep.DescriptorImpl().getDisplayName())
                .isEqualTo("Back up JENKINS_HOME (administrators' jobs only)");
        assertThat(new S3Location.DescriptorImpl().getDisplayName()).isEqualTo(messages.getProperty("S3Location.DisplayName"));
        assertThat(new JenkinsBackupLink().getDisplayName()).isEqualTo("JENKINS_HOME backups");
    }

    @Test
    void theRestorePageIsListedUnderTools() {
        assertThat(new JenkinsBackupLink().getCategory()).isEqualTo(ManagementLink.Category.TOOLS);
    }

    @Test
    void theKubernetesCredentialIsLookedUpForTheApiServersDomain() throws Exception {
        h.credentials(new TestCreds.Text("k8s-token", MockCluster.TOKEN));
        K8sBackupStep step = cluster.connect(new K8sBackupStep(), "k8s-token");
        step.setIncludeNamespaces(List.of("shop"));

        h.run(step);

        URI server = URI.create(cluster.url());
        assertThat(TestCredentialsStore.required()).contains("k8s-token -> [scheme " + server.getScheme() + ", hostname "
                + server.getHost() + ":" + server.getPort() + "]");
    }

    /**
     * A request that binds as Stapler's {@code RequestImpl} does for what the steps use: the @DataBoundConstructor
     * from the members named like its parameters, then a @DataBoundSetter for every other member; a JSON array
     * becomes a list, a string the parameter's type (a map, which Stapler cannot bind, fails here as there).
     */
    private static StaplerRequest2 stapler() {
        return (StaplerRequest2) Proxy.newProxyInstance(FormsTest.class.getClassLoader(), new Class<?>[] {StaplerRequest2.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("bindJSON") && args[0] instanceof Class<?> type) {
                        return StaplerLikeBinding.bind(type, (JSONObject) args[1]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A request whose bindJSON applies {@code binder} to the bean, as Stapler's data binding calls the setters. */
    private static StaplerRequest2 binding(Consumer<Object> binder) {
        return (StaplerRequest2) Proxy.newProxyInstance(FormsTest.class.getClassLoader(), new Class<?>[] {StaplerRequest2.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("bindJSON")) {
                        binder.accept(args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Classes of this plugin with a @DataBoundConstructor (steps, hooks, locations). */
    private static List<Class<?>> describables() throws Exception {
        Path root = Path.of(K8sBackupStep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve(PACKAGE))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, FormsTest.class.getClassLoader());
                if (!Modifier.isAbstract(c.getModifiers())
                        && Arrays.stream(c.getConstructors()).anyMatch(k -> k.isAnnotationPresent(DataBoundConstructor.class))) {
                    found.add(c);
                }
            }
        }
        return found;
    }

    /** @DataBoundConstructor parameters and @DataBoundSetter properties, inherited ones included. */
    private static TreeSet<String> parameters(Class<?> c) {
        TreeSet<String> names = new TreeSet<>();
        for (Constructor<?> k : c.getConstructors()) {
            if (k.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : k.getParameters()) {
                    assertThat(p.isNamePresent()).as("compiled with -parameters").isTrue();
                    names.add(p.getName());
                }
            }
        }
        for (Method m : c.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set")) {
                names.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
            }
        }
        return names;
    }

    /** The view or help file of {@code c}, looked up in its class and superclasses as Stapler does; null if none. */
    private static String view(Class<?> c, String file) {
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            try (var in = k.getClassLoader().getResourceAsStream(k.getName().replace('.', '/').replace('$', '/') + "/" + file)) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return null;
    }

    /** The descriptor that renders {@code c}'s form: a nested Descriptor subclass, or {@code c} itself. */
    private static Class<?> descriptorOf(Class<?> c) {
        if (Descriptor.class.isAssignableFrom(c)) {
            return c;
        }
        return Arrays.stream(c.getDeclaredClasses()).filter(Descriptor.class::isAssignableFrom).findFirst()
                .orElseThrow(() -> new AssertionError(c.getSimpleName() + " has no nested descriptor"));
    }
}
