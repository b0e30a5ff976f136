package io.jenkins.plugins.k8sbackup.jenkins.util;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * User-facing names from {@code io/jenkins/plugins/k8sbackup/jenkins/Messages.properties} (translatable as
 * {@code Messages_de.properties}...). A plain ResourceBundle: the localizer that generates a typed {@code Messages}
 * class runs only in the real plugin build, and both builds compile the same sources.
 */
public final class UiText {
    private static final String BUNDLE = "io.jenkins.plugins.k8sbackup.jenkins.Messages";

    private UiText() {}

    public static String get(String key, Object... args) {
        String pattern = ResourceBundle.getBundle(BUNDLE, Locale.getDefault(), UiText.class.getClassLoader()).getString(key);
        // Always MessageFormat, as the localizer does: a quote is written '' in the properties.
        return new MessageFormat(pattern, Locale.getDefault()).format(args);
    }
}
