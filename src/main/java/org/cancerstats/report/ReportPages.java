package org.cancerstats.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.cancerstats.report.SiteCharts.Section;

/**
 * The HTML of the report's pages. Each page carries its charts as JSON in a {@code <script type="application/json">}
 * element, and {@code assets/report.js} draws them with ECharts and writes the table and CSV under each; so the page
 * needs no server and no network, and what the table lists is what the chart draws.
 */
final class ReportPages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Labels labels;
    private final String release;

    ReportPages(Labels labels, String release) {
        this.labels = labels;
        this.release = release;
    }

    /** A whole page: the header, the body and the charts' data. */
    String page(String title, String body, List<Chart> charts) {
        Map<String, Object> data = Map.of("labels", labels.forScript(), "charts", charts);
        String json;
        try {
            // "</" would end the script element early; "<\/" is the same string to JSON.
            json = JSON.writeValueAsString(data).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the charts of " + title, e);
        }
        return "<!DOCTYPE html>\n<html lang=\"" + labels.locale().getLanguage() + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + esc(title) + " · " + esc(labels.get("report.title")) + "</title>\n"
                + "<link rel=\"stylesheet\" href=\"assets/report.css\">\n</head>\n<body>\n"
                + "<header><a class=\"home\" href=\"index.html\">" + esc(labels.get("report.title")) + "</a>"
                + "<span class=\"release\">" + esc(labels.get("report.release", release)) + "</span>"
                + "<a href=\"methods.html\">" + esc(labels.get("methods.title")) + "</a></header>\n<main>\n"
                + "<h1>" + esc(title) + "</h1>\n" + body + "</main>\n"
                + "<script src=\"assets/echarts.min.js\"></script>\n"
                + "<script id=\"report-data\" type=\"application/json\">" + json + "</script>\n"
                + "<script src=\"assets/report.js\"></script>\n</body>\n</html>\n";
    }

    /** A chart's section: heading, the choice between its variants, the plot, a note, and its numbers. */
    String chart(Chart c, String headingTag) {
        StringBuilder b = new StringBuilder();
        b.append("<section class=\"chart ").append(c.kind()).append("\" data-chart=\"").append(esc(c.id())).append("\">\n");
        b.append('<').append(headingTag).append('>').append(esc(c.title())).append("</").append(headingTag).append(">\n");
        if (c.variants().size() > 1) {
            b.append("<label class=\"variant\">").append(esc(labels.get("page.show"))).append(" <select data-for=\"")
                    .append(esc(c.id())).append("\"></select></label>\n");
        } else {
            b.append("<p class=\"variant\">").append(esc(c.variants().get(0).label())).append("</p>\n");
        }
        b.append("<div class=\"plot\" id=\"plot-").append(esc(c.id())).append("\"></div>\n");
        if (c.note() != null) {
            b.append("<p class=\"note\">").append(esc(c.note())).append("</p>\n");
        }
        b.append("<details class=\"numbers\"><summary>").append(esc(labels.get("page.numbers"))).append("</summary>\n")
                .append("<table class=\"figures\" id=\"table-").append(esc(c.id())).append("\"></table>\n")
                .append("<a class=\"csv\" id=\"csv-").append(esc(c.id())).append("\" download=\"").append(esc(c.id()))
                .append(".csv\">").append(esc(labels.get("page.csv"))).append("</a></details>\n</section>\n");
        return b.toString();
    }

    /** The sections of a site page, the missing ones saying why. */
    String sections(List<Section> sections, List<Chart> charts) {
        StringBuilder b = new StringBuilder();
        for (Section s : sections) {
            if (s.chart() != null) {
                charts.add(s.chart());
                b.append(chart(s.chart(), "h2"));
            } else {
                b.append("<section class=\"chart missing\" data-chart=\"").append(esc(s.key())).append("\">\n<h2>")
                        .append(esc(labels.get("chart." + s.key()))).append("</h2>\n<p class=\"missing\">").append(esc(s.missing()))
                        .append("</p>\n</section>\n");
            }
        }
        return b.toString();
    }

    /** The headline figures of the index. */
    String headline(IndexCharts.Headline h, String siteLabel) {
        List<String> cards = new ArrayList<>();
        cards.add(card(labels.get("headline.cases", h.year()), h.cases() == null ? "–" : String.format(labels.locale(), "%,d", h.cases())));
        cards.add(card(labels.get("headline.asr", labels.orSelf("standard.", h.standard())), number(h.asr(), 1)));
        cards.add(card(h.sinceYear() == null ? labels.get("headline.change_none") : labels.get("headline.change", h.sinceYear()),
                h.changePct() == null ? "–" : String.format(labels.locale(), "%+.1f %%", h.changePct())));
        return "<section class=\"headline\" data-site=\"" + esc(h.site()) + "\">\n<h2>" + esc(siteLabel) + ", "
                + esc(labels.get("sex.both").toLowerCase(labels.locale())) + "</h2>\n<div class=\"cards\">"
                + String.join("", cards) + "</div>\n</section>\n";
    }

    private String number(Double v, int digits) {
        return v == null ? "–" : String.format(labels.locale(), "%,." + digits + "f", v);
    }

    private static String card(String label, String value) {
        return "<div class=\"card\"><div class=\"value\">" + esc(value) + "</div><div class=\"label\">" + esc(label)
                + "</div></div>";
    }

    /** A definition list of keys and values (the methods page's facts of the release). */
    static String facts(Map<String, ?> facts) {
        StringBuilder b = new StringBuilder("<dl class=\"facts\">\n");
        facts.forEach((k, v) -> b.append("<dt>").append(esc(k)).append("</dt><dd>").append(esc(String.valueOf(v))).append("</dd>\n"));
        return b.append("</dl>\n").toString();
    }

    static String esc(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
