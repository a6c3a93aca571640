package org.cancerstats.report;

import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The words of a report, from {@code org/cancerstats/report/messages.properties} (English) or its translation for the
 * configured locale ({@code messages_nb.properties}, say): a Norwegian or Danish report is a translation file away.
 */
final class Labels {

    private final ResourceBundle bundle;
    private final Locale locale;

    private Labels(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    static Labels of(Locale locale) {
        // No fallback to the JVM's default locale: English is the base bundle.
        return new Labels(ResourceBundle.getBundle("org.cancerstats.report.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)), locale);
    }

    Locale locale() {
        return locale;
    }

    /** The label, its {@code {0}} ... filled with the arguments. */
    String get(String key, Object... args) {
        try {
            String text = bundle.getString(key);
            return args.length == 0 ? text : new MessageFormat(text, locale).format(args);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no label '" + key + "' in org/cancerstats/report/messages.properties", e);
        }
    }

    /** The label of a key, or the text itself when there is none (a site, standard or condition the bundle lacks). */
    String orSelf(String prefix, String name) {
        return bundle.containsKey(prefix + name) ? bundle.getString(prefix + name) : name;
    }

    /** The labels the page's script uses (tooltips, table headings), by key. */
    Map<String, String> forScript() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : bundle.keySet()) {
            if (key.startsWith("js.")) {
                out.put(key.substring(3), bundle.getString(key));
            }
        }
        return out;
    }
}
