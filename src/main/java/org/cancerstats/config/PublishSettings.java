package org.cancerstats.config;

import com.typesafe.config.ConfigException;

import org.cancerstats.core.disclosure.DisclosureRule;

/**
 * The {@code cancerstats.publish} section (docs/publishing.md).
 *
 * @param database    catalog database of the published tables; empty for the registry's database and {@code _public}
 * @param onRefresh   whether the refresh publishes a release, as its last stage, when a statistic changed
 * @param rule        the disclosure rule set releases are made under
 */
public record PublishSettings(String database, boolean onRefresh, DisclosureRule rule) {

    public static final String DATABASE = "cancerstats.publish.database";
    public static final String RELEASES_DIR = "cancerstats.publish.releases-dir";
    public static final String ON_REFRESH = "cancerstats.publish.on-refresh";
    public static final String RULE = "cancerstats.publish.disclosure.rule";
    public static final String MIN_COUNT = "cancerstats.publish.disclosure.min-count";
    public static final String MIN_RATE_CASES = "cancerstats.publish.disclosure.min-rate-cases";
    public static final String SHOW_ZEROS = "cancerstats.publish.disclosure.show-zeros";
    public static final String UNRELIABLE = "cancerstats.publish.disclosure.unreliable";

    static PublishSettings read(ConfigReader c) {
        String database = c.string(DATABASE);
        if (!database.isEmpty() && !database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ConfigException.BadValue(DATABASE, "a database name must be an identifier; got '" + database + "'");
        }
        String rule = c.string(RULE);
        String unreliable = c.string(UNRELIABLE);
        if (!unreliable.equals("flag") && !unreliable.equals("suppress")) {
            throw new ConfigException.BadValue(UNRELIABLE, "'flag' or 'suppress'; got '" + unreliable + "'");
        }
        DisclosureRule parsed;
        try {
            parsed = switch (rule) {
                case DisclosureRule.NONE -> DisclosureRule.none();
                case DisclosureRule.THRESHOLD -> DisclosureRule.threshold(c.integer(MIN_COUNT), c.integer(MIN_RATE_CASES),
                        c.bool(SHOW_ZEROS), unreliable.equals("flag"));
                default -> throw new IllegalArgumentException("'none' or 'threshold'; got '" + rule + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(RULE, e.getMessage());
        }
        return new PublishSettings(database, c.bool(ON_REFRESH), parsed);
    }
}
