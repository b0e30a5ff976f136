package io.jenkins.plugins.k8sbackup.jenkins.config;

import hudson.model.Job;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import jenkins.model.DirectlyModifiableTopLevelItemGroup;

/**
 * Tells whether a job's Pipeline script is controlled through SCM (by whoever can push, or Replay) rather than by
 * whoever may configure the job. The plugin compiles against core only, without workflow-job, workflow-cps or
 * branch-api ({@code WorkflowJob.getDefinition()}, {@code CpsScmFlowDefinition}, {@code MultiBranchProject}), so it
 * decides from what core offers and fails safe: only a job created by hand (its parent is the Jenkins root or a
 * plain folder, the groups where items are added directly) whose saved definition is an inline
 * {@code CpsFlowDefinition} counts as not SCM-controlled. Branch jobs of multibranch projects and organization
 * folders, "Pipeline script from SCM", any other or unknown definition, and an unreadable config.xml all count as
 * SCM-controlled.
 */
public final class ScriptOrigin {
    static final String INLINE_DEFINITION = "org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition";
    private static final long MAX_CONFIG_BYTES = 16L << 20;

    private ScriptOrigin() {}

    /** Why the job's script is controlled through SCM, or empty when it is an inline script of a hand-made job. */
    public static Optional<String> scmControlled(Job<?, ?> job) {
        if (!(job.getParent() instanceof DirectlyModifiableTopLevelItemGroup)) {
            return Optional.of("it was created by a multibranch project or organization folder (its Jenkinsfile comes from SCM)");
        }
        Path config = job.getRootDir().toPath().resolve("config.xml");
        String definition;
        try {
            definition = definitionClass(config);
        } catch (IOException | XMLStreamException e) {
            return Optional.of("its Pipeline definition cannot be read from " + config + " (" + e.getMessage() + ")");
        }
        if (INLINE_DEFINITION.equals(definition)) {
            return Optional.empty();
        }
        return Optional.of(definition == null ? "it has no inline Pipeline script"
                : "its Pipeline script is not inline (definition " + definition.substring(definition.lastIndexOf('.') + 1)
                        + ", e.g. 'Pipeline script from SCM')");
    }

    /** The {@code class} of the root element's {@code <definition>} child, or null when there is none. */
    static String definitionClass(Path configXml) throws IOException, XMLStreamException {
        if (Files.size(configXml) > MAX_CONFIG_BYTES) {
            throw new IOException("config.xml is larger than " + MAX_CONFIG_BYTES + " bytes");
        }
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try (InputStream in = Files.newInputStream(configXml)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            try {
                int depth = 0;
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        depth++;
                        if (depth == 2 && xml.getLocalName().equals("definition")) {
                            return xml.getAttributeValue(null, "class");
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    }
                }
                return null;
            } finally {
                xml.close();
            }
        }
    }
}
