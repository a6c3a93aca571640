package org.cancerstats.config;

import java.util.Locale;

import com.typesafe.config.ConfigException;

/**
 * The {@code cancerstats.report} section (docs/report.md).
 *
 * @param onRefresh whether the refresh writes the report of a release it published (or of the latest release when
 *                  that has none yet)
 * @param standard  the standard population the report shows first (the page lets the reader pick another)
 * @param locale    the language of the labels: {@code org/cancerstats/report/messages_<locale>.properties}, English
 *                  ({@code messages.properties}) for what a translation leaves out
 */
public record ReportSettings(boolean onRefresh, String standard, Locale locale) {

    public static final String ON_REFRESH = "cancerstats.report.on-refresh";
    public static final String STANDARD = "cancerstats.report.standard";
    public static final String LOCALE = "cancerstats.report.locale";

    static ReportSettings read(ConfigReader c) {
        String standard = c.string(STANDARD);
        if (!standard.matches("[A-Za-z0-9_]+")) {
            throw new ConfigException.BadValue(STANDARD, "a standard's name (conf/standards/<name>.csv); got '" + standard + "'");
        }
        String locale = c.string(LOCALE);
        if (!locale.matches("[a-z]{2}(_[A-Z]{2})?")) {
            throw new ConfigException.BadValue(LOCALE, "a language code such as en, nb or da; got '" + locale + "'");
        }
        return new ReportSettings(c.bool(ON_REFRESH), standard, Locale.forLanguageTag(locale.replace('_', '-')));
    }
}
