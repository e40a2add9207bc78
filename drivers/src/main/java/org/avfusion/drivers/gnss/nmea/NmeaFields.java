package org.avfusion.drivers.gnss.nmea;

/**
 * A reusable view of one NMEA sentence split into comma-separated fields, with number parsers that read the
 * characters in place. Nothing here allocates: {@link #split(CharSequence)} records field boundaries in
 * preallocated arrays and the parsers return primitives. Package-private plumbing of {@link NmeaDecoder};
 * not thread-safe; the view is valid until the next {@code split}.
 */
final class NmeaFields {

    /** Longest sentence body accepted. NMEA 0183 allows 82 characters; real RTK receivers exceed it. */
    static final int MAX_BODY_CHARS = 200;
    static final int MAX_FIELDS = 48;

    static final int OK = 0;
    static final int MALFORMED = 1;
    static final int MISSING_CHECKSUM = 2;
    static final int BAD_CHECKSUM = 3;

    private static final double[] POW10 = new double[19];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private CharSequence text;
    private final int[] start = new int[MAX_FIELDS];
    private final int[] end = new int[MAX_FIELDS];
    private int count;
    /** Why the last {@link #split} failed, for error messages. */
    String splitProblem = "";
    /** Index of the first field a parser could not read, or -1. */
    int badField = -1;

    /**
     * Splits {@code s}: leading bytes before the first {@code $} are skipped (as gpsd's packet lexer does),
     * trailing CR, LF and blanks are ignored, the checksum is verified.
     *
     * @return {@link #OK}, {@link #MALFORMED}, {@link #MISSING_CHECKSUM} or {@link #BAD_CHECKSUM}
     */
    int split(CharSequence s) {
        text = s;
        count = 0;
        badField = -1;
        int limit = s.length();
        while (limit > 0 && isTrailing(s.charAt(limit - 1))) {
            limit--;
        }
        int dollar = -1;
        for (int i = 0; i < limit; i++) {
            if (s.charAt(i) == '$') {
                dollar = i;
                break;
            }
        }
        if (dollar < 0) {
            splitProblem = "no '$' start of sentence";
            return MALFORMED;
        }
        int checksum = 0;
        int fieldStart = dollar + 1;
        int star = -1;
        for (int i = dollar + 1; i < limit; i++) {
            char c = s.charAt(i);
            if (c == '*') {
                star = i;
                break;
            }
            if (c < 0x20 || c > 0x7e || c == '$' || c == '!') {
                splitProblem = "illegal character 0x" + Integer.toHexString(c) + " at offset " + (i - dollar);
                return MALFORMED;
            }
            if (i - dollar > MAX_BODY_CHARS) {
                splitProblem = "longer than " + MAX_BODY_CHARS + " characters";
                return MALFORMED;
            }
            checksum ^= c;
            if (c == ',') {
                if (!addField(fieldStart, i)) {
                    return MALFORMED;
                }
                fieldStart = i + 1;
            }
        }
        int bodyEnd = star < 0 ? limit : star;
        if (!addField(fieldStart, bodyEnd)) {
            return MALFORMED;
        }
        if (star < 0) {
            splitProblem = "no '*hh' checksum";
            return MISSING_CHECKSUM;
        }
        // a '*' without two hex digits after it is a checksum that cannot match: the line was cut or garbled
        int hi = limit - star == 3 ? hex(s.charAt(star + 1)) : -1;
        int lo = limit - star == 3 ? hex(s.charAt(star + 2)) : -1;
        if (hi < 0 || lo < 0) {
            splitProblem = "checksum '" + s.subSequence(star, limit) + "' is not '*' and two hex digits";
            return BAD_CHECKSUM;
        }
        int stated = hi << 4 | lo;
        if (stated != checksum) {
            splitProblem = "checksum *" + s.charAt(star + 1) + s.charAt(star + 2) + " but content gives *"
                    + String.format("%02X", checksum);
            return BAD_CHECKSUM;
        }
        return OK;
    }

    private boolean addField(int from, int to) {
        if (count == MAX_FIELDS) {
            splitProblem = "more than " + MAX_FIELDS + " fields";
            return false;
        }
        start[count] = from;
        end[count] = to;
        count++;
        return true;
    }

    private static boolean isTrailing(char c) {
        return c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == 0;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    int count() {
        return count;
    }

    int length(int field) {
        return field < count ? end[field] - start[field] : 0;
    }

    boolean isEmpty(int field) {
        return length(field) == 0;
    }

    /** The character at {@code offset} of {@code field}; the field must be that long. */
    char charAt(int field, int offset) {
        return text.charAt(start[field] + offset);
    }

    /** The single character of a one-character field, {@code 0} when empty, {@code '?'} when longer. */
    char flag(int field) {
        int n = length(field);
        if (n == 0) {
            return 0;
        }
        return n == 1 ? charAt(field, 0) : '?';
    }

    /** The field as a String, for error messages only. */
    String text(int field) {
        return field < count ? text.subSequence(start[field], end[field]).toString() : "";
    }

    /**
     * A decimal number ({@code [+-]digits[.digits]}); {@code NaN} when the field is empty. When the text is not
     * such a number, returns {@code NaN} and records the field in {@link #badField}.
     */
    double number(int field) {
        int n = length(field);
        if (n == 0) {
            return Double.NaN;
        }
        int i = start[field];
        int stop = end[field];
        boolean negative = false;
        char c = text.charAt(i);
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int fractionDigits = 0;
        boolean point = false;
        boolean sawDigit = false;
        for (; i < stop; i++) {
            c = text.charAt(i);
            if (c == '.' && !point) {
                point = true;
            } else if (c >= '0' && c <= '9') {
                sawDigit = true;
                if (mantissa == 0 && c == '0') {
                    if (point && fractionDigits < 18) {
                        fractionDigits++;
                    }
                } else if (significant < 18 && fractionDigits < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    significant++;
                    if (point) {
                        fractionDigits++;
                    }
                } else if (!point) {
                    return bad(field); // more than 18 significant integer digits: not a sensor value
                }
            } else {
                return bad(field);
            }
        }
        if (!sawDigit) {
            return bad(field);
        }
        double v = mantissa / POW10[fractionDigits];
        return negative ? -v : v;
    }

    /** A non-negative integer; {@code -1} when empty; {@code -2} (and {@link #badField} set) when not digits. */
    int integer(int field) {
        int n = length(field);
        if (n == 0) {
            return -1;
        }
        if (n > 9) {
            bad(field);
            return -2;
        }
        int v = 0;
        for (int i = start[field]; i < end[field]; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                bad(field);
                return -2;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * Digits {@code [offset, offset+len)} of a field as an int, or -1 when any is not a digit or the field is
     * shorter.
     */
    int digits(int field, int offset, int len) {
        if (length(field) < offset + len) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < len; i++) {
            char c = charAt(field, offset + i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private double bad(int field) {
        if (badField < 0) {
            badField = field;
        }
        return Double.NaN;
    }
}
