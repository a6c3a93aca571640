package org.cancerstats.core.validate;

import java.util.Locale;
import java.util.regex.Pattern;

/** ICD-10 code handling shared by validation and site grouping. */
public final class Icd10 {

    /** Letter, two digits, then a digit subcategory and at most one national extension character (C509, C509A). */
    private static final Pattern CODE = Pattern.compile("[A-Z][0-9]{2}([0-9][0-9A-Z]?)?");

    private Icd10() {
    }

    /**
     * The code upper case without dot or spaces ({@code c18.7} becomes {@code C187}), or null when the text is not
     * shaped like an ICD-10 code (a letter, two digits, a digit subcategory, one more character of a national
     * extension): {@code C18ZZ} has letters where the subcategory's digit belongs and is refused.
     */
    public static String normalise(String text) {
        if (text == null) {
            return null;
        }
        String code = text.trim().toUpperCase(Locale.ROOT).replace(".", "").replace(" ", "");
        return CODE.matcher(code).matches() ? code : null;
    }

    /** Whether a normalised code is a neoplasm code registries count: C00-C97 or D00-D48. */
    public static boolean isNeoplasm(String code) {
        char chapter = code.charAt(0);
        int category = Integer.parseInt(code.substring(1, 3));
        return (chapter == 'C' && category <= 97) || (chapter == 'D' && category <= 48);
    }

    /** Whether the normalised code's three-character category lies in {@code from}..{@code to} (e.g. C51..C58). */
    public static boolean inRange(String code, String from, String to) {
        String category = code.substring(0, 3);
        return category.compareTo(from) >= 0 && category.compareTo(to) <= 0;
    }
}
