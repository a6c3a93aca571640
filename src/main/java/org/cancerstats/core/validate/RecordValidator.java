package org.cancerstats.core.validate;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.cancerstats.core.extract.ColumnSpec;
import org.cancerstats.core.extract.ColumnType;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.extract.TableColumn;

/**
 * Parses and checks one delivered record of an extract against the row-level rules of SPEC.md section 5.
 *
 * <p>Spark-free: the ingest job runs one instance per partition; tests run it directly. Rules that need other
 * rows (duplicates, follow-up against incidence and deaths) and whole-file rules (life-table and population
 * gaps) are applied by the ingest job after this per-record pass.
 *
 * <p>Not thread-safe (the pseudonymiser usually is not); create one per partition.
 */
public final class RecordValidator {

    private static final LocalDate EARLIEST = LocalDate.of(1800, 1, 1);
    private static final Set<String> UNDER_5_RARE = Set.of("C53", "C61");
    private static final Set<String> UNDER_20_RARE =
            Set.of("C15", "C19", "C20", "C21", "C23", "C24", "C50", "C53", "C54", "C55");

    private final Extract extract;
    private final int[] fieldIndex;
    private final int width;
    private final ValidationSettings settings;
    private final UnaryOperator<String> pseudonymise;
    private final DateTimeFormatter dates;
    private final String delimiter;
    /** Whether each field of the header is a column of the extract. */
    private final boolean[] known;
    private final List<TableColumn> tableColumns;

    private RecordValidator(Extract extract, int[] fieldIndex, int width, ValidationSettings settings,
                            UnaryOperator<String> pseudonymise, String delimiter) {
        this.extract = extract;
        this.fieldIndex = fieldIndex;
        this.width = width;
        this.settings = settings;
        this.pseudonymise = pseudonymise;
        this.delimiter = delimiter;
        this.known = new boolean[width];
        for (int at : fieldIndex) {
            if (at >= 0) {
                known[at] = true;
            }
        }
        this.tableColumns = extract.tableColumns();
        // 'u' (proleptic year) instead of 'y' (year of era) so that STRICT resolution needs no era field.
        this.dates = DateTimeFormatter.ofPattern(settings.datePattern().replace('y', 'u'), Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    /**
     * A validator for files with this header.
     *
     * @param header       the delivered column names in file order
     * @param delimiter    used to rebuild the masked raw record for quarantine
     * @param pseudonymise maps a raw person id to its pseudonym
     * @throws MissingColumnsException if a required column is absent (the file must be rejected whole)
     */
    public static RecordValidator forHeader(Extract extract, List<String> header, ValidationSettings settings,
                                            UnaryOperator<String> pseudonymise, String delimiter) {
        List<ColumnSpec> columns = extract.columns();
        int[] index = new int[columns.size()];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            index[c] = -1;
            for (int h = 0; h < header.size(); h++) {
                if (columns.get(c).matches(header.get(h))) {
                    index[c] = h;
                    break;
                }
            }
            if (index[c] < 0 && columns.get(c).required()) {
                missing.add(columns.get(c).name());
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingColumnsException(extract.tableName(), missing, header);
        }
        for (ColumnSpec column : columns) {
            List<Integer> at = new ArrayList<>();
            for (int h = 0; h < header.size(); h++) {
                if (column.matches(header.get(h))) {
                    at.add(h + 1);
                }
            }
            if (at.size() > 1) {
                throw new BadHeaderException(extract.tableName() + " file names column " + column.name() + " " + at.size()
                        + " times (fields " + at + "): which one holds the values is unclear; deliver it once");
            }
        }
        return new RecordValidator(extract, index, header.size(), settings, pseudonymise, delimiter);
    }

    /**
     * Validates one record given as its fields in file order; null stands for a line whose quoting could not be
     * read (an unclosed quote), which is malformed (V01).
     */
    public Outcome validate(List<String> fields) {
        Findings findings = new Findings();
        Object[] values = new Object[tableColumns.size()];
        if (fields == null) {
            findings.add(Rule.V01, "record", "unbalanced quotes");
            return findings.outcome(values, "(withheld: the line's quoting could not be read)");
        }
        boolean blank = fields.stream().allMatch(f -> f == null || f.isBlank());
        if (blank || fields.size() != width) {
            // Fields cannot be trusted to sit under their headers; the person id may be anywhere: keep none of it.
            findings.add(Rule.V01, "record", blank ? "blank line" : fields.size() + " fields, header has " + width);
            return findings.outcome(values, blank ? "" : "(withheld: " + fields.size() + " fields where the header has "
                    + width + ")");
        }
        List<String> masked = new ArrayList<>(fields);
        masked.replaceAll(f -> f == null ? "" : f);
        for (int h = 0; h < masked.size(); h++) {
            if (masked.get(h).length() > MAX_FIELD) {
                masked.set(h, "(" + masked.get(h).length() + " characters, withheld)"); // a field no column has: not stored
            }
        }
        // A column the extract does not define may hold anything, a raw person id too: blanked, never stored.
        for (int h = 0; h < masked.size(); h++) {
            if (!known[h]) {
                masked.set(h, "");
            }
        }
        int slot = 0;
        for (int c = 0; c < extract.columns().size(); c++) {
            ColumnSpec spec = extract.columns().get(c);
            int at = fieldIndex[c];
            String text = at >= 0 ? fields.get(at) : null;
            String unreadable = text == null ? null : unreadable(text);
            if (unreadable != null) {
                findings.add(Rule.V03, spec.name(), unreadable); // the reason only: the value may be anything
                if (spec.type() == ColumnType.PERSON_ID) {
                    masked.set(at, "(withheld)"); // an id that cannot be pseudonymised is not kept either
                }
            } else if (spec.type() == ColumnType.PERSON_ID && text != null && !text.isBlank()) {
                String pseudonym = pseudonymise.apply(text.trim());
                masked.set(at, pseudonym);
                values[slot] = pseudonym;
            } else {
                parseInto(spec, text, values, slot, findings);
            }
            slot += spec.type() == ColumnType.AGE_BAND ? 2 : 1;
        }
        crossFieldRules(values, findings);
        String maskedRecord = String.join(delimiter, masked);
        return findings.outcome(values, maskedRecord);
    }

    // ---- single values -------------------------------------------------------------------------------

    private void parseInto(ColumnSpec spec, String text, Object[] values, int slot, Findings findings) {
        if (text == null || text.isBlank()) {
            if (spec.required()) {
                findings.add(Rule.V02, spec.name(), "blank");
            }
            return;
        }
        String value = text.trim();
        switch (spec.type()) {
            case PERSON_ID, TEXT -> values[slot] = value;
            case INT_CODE -> {
                Integer code = parseIntOrNull(value);
                if (code == null || !spec.codes().contains(Integer.toString(code))) {
                    findings.add(Rule.V04, spec.name(), value);
                } else {
                    values[slot] = code;
                }
            }
            case TEXT_CODE -> {
                String code = value.toLowerCase(Locale.ROOT);
                Set<String> allowed = spec.codes().isEmpty() ? settings.conditions() : spec.codes();
                if (allowed.contains(code)) {
                    values[slot] = code;
                } else {
                    findings.add(Rule.V04, spec.name(), value);
                }
            }
            case INTEGER -> {
                Integer number = parseIntOrNull(value);
                if (number == null) {
                    findings.add(Rule.V03, spec.name(), value);
                } else if (number < spec.min() || number > spec.max()
                        || (spec.pastOnly() && number > settings.runDate().getYear())) {
                    findings.add(Rule.V08, spec.name(), value);
                } else {
                    values[slot] = number;
                }
            }
            case COUNT -> {
                Double number = parseDoubleOrNull(value);
                if (number == null) {
                    findings.add(Rule.V03, spec.name(), value);
                } else if (number < 0) {
                    findings.add(Rule.V09, spec.name(), value);
                } else {
                    if (number != Math.floor(number)) {
                        findings.add(Rule.V21, spec.name(), value); // persons come whole; a warning by default
                    }
                    values[slot] = number;
                }
            }
            case PROBABILITY -> {
                Double p = parseDoubleOrNull(value);
                if (p == null) {
                    findings.add(Rule.V03, spec.name(), value);
                } else if (!(p > 0 && p <= 1)) {
                    findings.add(Rule.V08, spec.name(), value);
                } else {
                    values[slot] = p;
                }
            }
            case DATE -> {
                LocalDate date = parseDateOrNull(value);
                if (date == null) {
                    findings.add(Rule.V03, spec.name(), value);
                } else if (date.isBefore(EARLIEST) || date.isAfter(settings.runDate())) {
                    findings.add(Rule.V07, spec.name(), value);
                } else {
                    values[slot] = date;
                }
            }
            case ICD10 -> {
                String code = Icd10.normalise(value);
                boolean neoplasmRequired = extract == Extract.INCIDENCE;
                if (code == null || (neoplasmRequired && !Icd10.isNeoplasm(code))) {
                    findings.add(Rule.V05, spec.name(), value);
                } else {
                    values[slot] = code;
                }
            }
            case MORPHOLOGY -> {
                Integer morphology = value.length() == 4 ? parseIntOrNull(value) : null;
                if (morphology == null || morphology < 8000) {
                    findings.add(Rule.V06, spec.name(), value);
                } else {
                    values[slot] = morphology;
                }
            }
            case AGE_BAND -> parseAgeBand(spec, value, values, slot, findings, settings.openTopAge());
        }
    }

    /**
     * "42" is 42..42, "85+" is 85..open, "0-4" (hyphen or en dash) is 0..4; the single age {@code openTopAge}, when
     * set, is open-ended ("100" read as 100+).
     */
    private static void parseAgeBand(ColumnSpec spec, String value, Object[] values, int slot, Findings findings,
                                     Integer openTopAge) {
        String v = value.replace('\u2013', '-').replace(" ", "");
        Integer lower;
        Integer upper;
        if (v.endsWith("+")) {
            lower = parseIntOrNull(v.substring(0, v.length() - 1));
            upper = null;
        } else if (v.indexOf('-') > 0) {
            lower = parseIntOrNull(v.substring(0, v.indexOf('-')));
            upper = parseIntOrNull(v.substring(v.indexOf('-') + 1));
            if (upper == null) {
                lower = null;
            }
        } else {
            lower = parseIntOrNull(v);
            upper = lower;
        }
        if (lower == null) {
            findings.add(Rule.V03, spec.name(), value);
        } else if (lower < 0 || lower > 120 || (upper != null && (upper < lower || upper > 120))) {
            findings.add(Rule.V08, spec.name(), value);
        } else {
            values[slot] = lower;
            values[slot + 1] = openTopAge != null && lower.equals(openTopAge) && lower.equals(upper) ? null : upper;
        }
    }

    // ---- rules across the fields of one record ------------------------------------------------------------

    private void crossFieldRules(Object[] values, Findings findings) {
        switch (extract) {
            case INCIDENCE -> incidenceRules(values, findings);
            case MORTALITY -> {
                LocalDate birth = (LocalDate) value(values, "date_of_birth");
                LocalDate death = (LocalDate) value(values, "date_of_death");
                if (birth != null && death != null && birth.isAfter(death)) {
                    findings.add(Rule.V10, "date_of_birth", "after date_of_death");
                }
            }
            default -> {
                // the other extracts have no rules across their fields
            }
        }
    }

    /** The longest field accepted: no column of any extract needs more; a megabyte field is refused, not stored. */
    static final int MAX_FIELD = 255;

    /** Why a field cannot be a value (too long, a control character such as NUL), or null when it can be read. */
    private static String unreadable(String text) {
        if (text.length() > MAX_FIELD) {
            return text.length() + " characters, more than " + MAX_FIELD;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t') {
                return "control character U+" + String.format("%04X", (int) c) + " at position " + (i + 1);
            }
        }
        return null;
    }

    /** The oldest age at diagnosis accepted, computed or stated. */
    static final int MAX_AGE = 120;
    /** An ICD-O-3 topography: C00.0 to C80.9, with or without the dot. */
    private static final java.util.regex.Pattern TOPOGRAPHY = java.util.regex.Pattern.compile("C[0-9]{2}\\.?[0-9]");

    private void incidenceRules(Object[] values, Findings findings) {
        String topography = (String) value(values, "topography");
        if (topography != null && !TOPOGRAPHY.matcher(topography.trim().toUpperCase(Locale.ROOT)).matches()) {
            findings.add(Rule.V22, "topography", topography);
            values[slotOf("topography")] = null; // not a topography: not kept as one
        }
        LocalDate birth = (LocalDate) value(values, "date_of_birth");
        LocalDate diagnosis = (LocalDate) value(values, "date_of_diagnosis");
        Integer sex = (Integer) value(values, "sex");
        String icd = (String) value(values, "icd10");
        Integer morphology = (Integer) value(values, "morphology");
        Integer behaviour = (Integer) value(values, "behaviour");
        Integer statedAge = (Integer) value(values, "age_at_diagnosis");

        Long age = null;
        if (birth != null && diagnosis != null) {
            if (birth.isAfter(diagnosis)) {
                findings.add(Rule.V10, "date_of_birth", "after date_of_diagnosis");
            } else {
                age = ChronoUnit.YEARS.between(birth, diagnosis);
                if (age > MAX_AGE) {
                    // The dates alone can be wrong: an age no one reaches is invalid, stated or not (as NORDCAN checks).
                    findings.add(Rule.V08, "date_of_birth", "age at diagnosis " + age + " from the dates, above " + MAX_AGE);
                } else if (statedAge != null && statedAge.longValue() != age) {
                    findings.add(Rule.V11, "age_at_diagnosis", statedAge + " but the dates give " + age);
                }
            }
        }
        if (sex != null && icd != null) {
            if ((sex == 1 && Icd10.inRange(icd, "C51", "C58")) || (sex == 2 && Icd10.inRange(icd, "C60", "C63"))) {
                findings.add(Rule.V12, "icd10", icd + " with sex " + sex);
            }
        }
        if (age != null && icd != null) {
            String category = icd.substring(0, 3);
            if ((age < 5 && UNDER_5_RARE.contains(category)) || (age < 20 && UNDER_20_RARE.contains(category))) {
                findings.add(Rule.V13, "icd10", icd + " at age " + age);
            }
        }
        if (morphology != null && behaviour != null) {
            boolean inSituOutsideEpithelial = behaviour == 2 && morphology > 8799;
            boolean benignHaematological = (behaviour == 0 || behaviour == 2) && morphology >= 9590 && morphology <= 9989;
            if (inSituOutsideEpithelial || benignHaematological) {
                findings.add(Rule.V14, "morphology", morphology + "/" + behaviour);
            }
        }
    }

    private Object value(Object[] values, String column) {
        int at = slotOf(column);
        return at < 0 ? null : values[at];
    }

    /** The table slot of a column, or -1. */
    private int slotOf(String column) {
        for (int i = 0; i < tableColumns.size(); i++) {
            if (tableColumns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    // ---- parsing helpers ---------------------------------------------------------------------------------

    /** Plain ASCII digits only: Java's parser also reads Arabic-Indic and other Unicode digits. */
    private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("[+-]?[0-9]{1,9}");
    /** A plain decimal: no exponent (1e3), hexadecimal (0x1p3) or type suffix (12d), which Java's parser accepts. */
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");

    private static Integer parseIntOrNull(String text) {
        String t = text.trim();
        return INTEGER.matcher(t).matches() ? Integer.valueOf(t) : null;
    }

    private Double parseDoubleOrNull(String text) {
        String t = text.trim();
        if (settings.decimalComma() && t.indexOf(',') >= 0 && t.indexOf('.') < 0) {
            t = t.replace(',', '.');
        }
        if (!DECIMAL.matcher(t).matches()) {
            return null;
        }
        double d = Double.parseDouble(t);
        return Double.isFinite(d) ? d : null;
    }

    private LocalDate parseDateOrNull(String text) {
        try {
            return LocalDate.parse(text.trim(), dates);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Collects broken rules, each code once, split by the configured severity. */
    private final class Findings {
        private final EnumSet<Rule> broken = EnumSet.noneOf(Rule.class);
        private final List<String> details = new ArrayList<>();

        void add(Rule rule, String column, String what) {
            broken.add(rule);
            details.add(rule.code() + " " + column + ": " + what);
        }

        Outcome outcome(Object[] values, String maskedRecord) {
            List<String> rejections = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            for (Rule r : broken) {
                (settings.severity(r) == Severity.REJECT ? rejections : warnings).add(r.code());
            }
            return new Outcome(values, rejections, warnings, details, maskedRecord);
        }
    }
}
